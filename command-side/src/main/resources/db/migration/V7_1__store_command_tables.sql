-- Command-owned tables of the stores context, written in the same transaction as the events whose rules
-- they guard.

-- Each store with its merchant and whether it takes orders; an order share-locks its store's row while
-- it reads the menu, so a store closing meanwhile is seen either before or after the order.
CREATE TABLE store_catalog_store (
    store_id     varchar(64) PRIMARY KEY,
    merchant_id  varchar(64) NOT NULL,
    open         boolean     NOT NULL
);

-- Each menu item with the price orders copy and whether it can be ordered now.
CREATE TABLE store_catalog_menu (
    menu_id    varchar(64)  PRIMARY KEY,
    store_id   varchar(64)  NOT NULL REFERENCES store_catalog_store (store_id),
    name       varchar(100) NOT NULL,
    price      bigint       NOT NULL CHECK (price >= 0),
    available  boolean      NOT NULL
);
CREATE INDEX store_catalog_menu_store ON store_catalog_menu (store_id);

-- A provider payment (imp_uid) pays for one order at most: the primary key is the last guard.
CREATE TABLE store_payment (
    payment_id  varchar(100) PRIMARY KEY,
    order_id    varchar(64)  NOT NULL
);
