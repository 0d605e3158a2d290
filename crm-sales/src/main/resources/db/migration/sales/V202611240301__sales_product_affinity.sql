-- Cross-sell: precomputed (on the customer-health schedule) from won deals' line items.
-- product_buyers: how many customers (accounts) bought each product; product_affinity: for each
-- ordered pair, how many customers bought both.
create table product_buyers (
  product_id  bigint primary key references products (id) on delete cascade,
  customers   int not null
);
create table product_affinity (
  product_id        bigint not null references products (id) on delete cascade,
  other_product_id  bigint not null references products (id) on delete cascade,
  customers         int not null,
  primary key (product_id, other_product_id)
);
