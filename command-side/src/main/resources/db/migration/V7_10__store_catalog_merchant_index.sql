-- A resigning merchant's open stores are looked up by merchant.
CREATE INDEX store_catalog_store_merchant ON store_catalog_store (merchant_id);
