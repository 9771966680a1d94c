// An example service: the order repository of a shop, over the schema in examples/shop.
//
// It is what a real service looks like from schemac's side: plain SQL over a sqlite3 handle, the
// schemac model to check at startup that the database has what the queries need, and unit tests
// (order_repository_test.cpp) that run against an in-memory database built from examples/shop
// by schemac::testing.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "schemac/model.hpp"
#include "schemac/status.hpp"

namespace shop {

struct OrderLine {
  std::int64_t product_id = 0;
  int quantity = 0;
};

struct OrderSummary {
  std::int64_t id = 0;
  std::string status;
  std::int64_t total_cents = 0;
  int item_count = 0;  // units, summed over the lines
};

struct BestSeller {
  std::string sku;
  std::int64_t units_sold = 0;
};

// Not thread-safe (neither is a sqlite3 connection used this way). Does not own the handle.
class OrderRepository {
 public:
  explicit OrderRepository(sqlite3* db) : db_(db) {}

  // Ok when `schema` has every table and column the queries below use; otherwise kNotFound naming
  // what is missing. A service calls it at startup with the inspected schema; its tests call it
  // with the schema files, so a schema change that breaks a query fails a test, not production.
  static schemac::Status CheckSchema(const schemac::model::Schema& schema);

  schemac::Result<std::int64_t> AddUser(const std::string& email, const std::string& display_name);
  schemac::Result<std::int64_t> AddProduct(const std::string& sku, const std::string& name,
                                           std::int64_t price_cents);

  // One order with a line per entry of `lines`, each at the product's current price (the sale
  // price when there is one). All or nothing: an unknown product or a bad quantity adds no rows.
  schemac::Result<std::int64_t> PlaceOrder(std::int64_t user_id, const std::vector<OrderLine>& lines);
  schemac::Status MarkPaid(std::int64_t order_id);

  // The user's orders, newest first.
  schemac::Result<std::vector<OrderSummary>> OrdersOfUser(std::int64_t user_id);
  // Products by units sold in orders that were not cancelled, most first.
  schemac::Result<std::vector<BestSeller>> BestSellers(int limit);

 private:
  schemac::Status Exec(const std::string& sql);

  sqlite3* db_;
};

}  // namespace shop
