-- Command-owned tables of the shop context, written in the same transaction as the events they follow.

-- What a checkout needs to know about each product (name, price, whether it is sold), kept by the
-- product commands so that the command side never reads the query side.
CREATE TABLE shop_product_catalog (
    product_id  varchar(64)  PRIMARY KEY,
    name        varchar(200) NOT NULL,
    price       bigint       NOT NULL CHECK (price >= 0),
    active      boolean      NOT NULL
);

-- One row per account that ever had a cart: the number of its newest cart and whether that cart is
-- still open. The primary key makes a second open cart impossible; a new cart may only take the next
-- number after the previous one was checked out.
CREATE TABLE shop_account_cart (
    account_id   varchar(64) PRIMARY KEY,
    cart_number  bigint      NOT NULL CHECK (cart_number >= 1),
    open         boolean     NOT NULL
);
