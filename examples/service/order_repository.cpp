#include "order_repository.hpp"

#include <memory>
#include <utility>

namespace shop {
namespace {

using schemac::Result;
using schemac::Status;
using schemac::StatusCode;

// A prepared statement that finalizes itself.
class Statement {
 public:
  static Result<Statement> Prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
      return Status(StatusCode::kDatabaseError, std::string("preparing a query: ") + sqlite3_errmsg(db));
    }
    return Statement(db, statement);
  }

  Statement& Bind(int index, std::int64_t value) {
    sqlite3_bind_int64(statement_.get(), index, value);
    return *this;
  }
  Statement& Bind(int index, const std::string& value) {
    sqlite3_bind_text(statement_.get(), index, value.c_str(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }

  // SQLITE_ROW or SQLITE_DONE; anything else becomes an error status.
  Result<bool> Step() {
    const int result = sqlite3_step(statement_.get());
    if (result == SQLITE_ROW) return true;
    if (result == SQLITE_DONE) return false;
    return Status(result == SQLITE_CONSTRAINT ? StatusCode::kInvalidArgument : StatusCode::kDatabaseError,
                  sqlite3_errmsg(db_));
  }
  std::int64_t Int(int column) const { return sqlite3_column_int64(statement_.get(), column); }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(statement_.get(), column);
    return text ? reinterpret_cast<const char*>(text) : "";
  }

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}

  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalize> statement_;
};

// Runs `statement` to completion; the new row's id.
Result<std::int64_t> Insert(sqlite3* db, Statement& statement) {
  Result<bool> stepped = statement.Step();
  if (!stepped.ok()) return stepped.status();
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db));
}

}  // namespace

Status OrderRepository::CheckSchema(const schemac::model::Schema& schema) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kUses = {
      {"users", {"id", "email", "display_name"}},
      {"products", {"id", "sku", "name", "price_cents", "sale_price_cents"}},
      {"orders", {"id", "user_id", "status", "subtotal_cents", "total_cents", "placed_at"}},
      {"order_items", {"order_id", "line_no", "product_id", "quantity", "unit_price_cents"}},
  };
  std::string missing;
  for (const auto& [table_name, columns] : kUses) {
    const schemac::model::Table* table = schema.FindTable("", table_name);
    if (table == nullptr) {
      missing += " table " + table_name + ";";
      continue;
    }
    for (const auto& column : columns) {
      if (table->FindColumn(column) == nullptr) missing += " column " + table_name + "." + column + ";";
    }
  }
  if (missing.empty()) return Status::Ok();
  missing.pop_back();
  return Status(StatusCode::kNotFound, "the order repository needs" + missing);
}

Status OrderRepository::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return Status::Ok();
  Status status(StatusCode::kDatabaseError, error ? error : "unknown error");
  sqlite3_free(error);
  return status;
}

Result<std::int64_t> OrderRepository::AddUser(const std::string& email, const std::string& display_name) {
  auto insert = Statement::Prepare(db_, "INSERT INTO users (email, display_name) VALUES (?, ?)");
  if (!insert.ok()) return insert.status();
  insert->Bind(1, email).Bind(2, display_name);
  return Insert(db_, *insert);
}

Result<std::int64_t> OrderRepository::AddProduct(const std::string& sku, const std::string& name,
                                                 std::int64_t price_cents) {
  auto insert = Statement::Prepare(db_, "INSERT INTO products (sku, name, price_cents) VALUES (?, ?, ?)");
  if (!insert.ok()) return insert.status();
  insert->Bind(1, sku).Bind(2, name).Bind(3, price_cents);
  return Insert(db_, *insert);
}

Result<std::int64_t> OrderRepository::PlaceOrder(std::int64_t user_id, const std::vector<OrderLine>& lines) {
  if (lines.empty()) return Status(StatusCode::kInvalidArgument, "an order needs at least one line");
  if (Status begun = Exec("BEGIN"); !begun.ok()) return begun;
  auto place = [&]() -> Result<std::int64_t> {
    auto order = Statement::Prepare(db_, "INSERT INTO orders (user_id) VALUES (?)");
    if (!order.ok()) return order.status();
    order->Bind(1, user_id);
    Result<std::int64_t> order_id = Insert(db_, *order);
    if (!order_id.ok()) return order_id.status();

    std::int64_t line_no = 0;
    for (const auto& line : lines) {
      // The price is read inside the insert, so it is the price at the moment of the order.
      auto item =
          Statement::Prepare(db_,
                             "INSERT INTO order_items (order_id, line_no, product_id, quantity, "
                             "unit_price_cents) "
                             "SELECT ?, ?, id, ?, COALESCE(sale_price_cents, price_cents) FROM products "
                             "WHERE id = ?");
      if (!item.ok()) return item.status();
      item->Bind(1, *order_id).Bind(2, ++line_no).Bind(3, line.quantity).Bind(4, line.product_id);
      Result<bool> stepped = item->Step();
      if (!stepped.ok()) return stepped.status();
      if (sqlite3_changes(db_) == 0) {
        return Status(StatusCode::kNotFound, "no product with id " + std::to_string(line.product_id));
      }
    }
    auto subtotal =
        Statement::Prepare(db_,
                           "UPDATE orders SET subtotal_cents = (SELECT SUM(quantity * unit_price_cents) "
                           "FROM order_items WHERE order_id = orders.id) WHERE id = ?");
    if (!subtotal.ok()) return subtotal.status();
    subtotal->Bind(1, *order_id);
    Result<bool> updated = subtotal->Step();
    if (!updated.ok()) return updated.status();
    return order_id;
  };
  Result<std::int64_t> placed = place();
  Status finished = Exec(placed.ok() ? "COMMIT" : "ROLLBACK");
  if (!placed.ok()) return placed.status();
  if (!finished.ok()) return finished;
  return placed;
}

Status OrderRepository::MarkPaid(std::int64_t order_id) {
  auto update =
      Statement::Prepare(db_, "UPDATE orders SET status = 'paid' WHERE id = ? AND status = 'pending'");
  if (!update.ok()) return update.status();
  update->Bind(1, order_id);
  Result<bool> stepped = update->Step();
  if (!stepped.ok()) return stepped.status();
  if (sqlite3_changes(db_) == 0) {
    return Status(StatusCode::kNotFound, "no pending order with id " + std::to_string(order_id));
  }
  return Status::Ok();
}

Result<std::vector<OrderSummary>> OrderRepository::OrdersOfUser(std::int64_t user_id) {
  auto query = Statement::Prepare(db_,
                                  "SELECT o.id, o.status, o.total_cents, COALESCE(SUM(i.quantity), 0) "
                                  "FROM orders o LEFT JOIN order_items i ON i.order_id = o.id "
                                  "WHERE o.user_id = ? GROUP BY o.id ORDER BY o.placed_at DESC, o.id DESC");
  if (!query.ok()) return query.status();
  query->Bind(1, user_id);
  std::vector<OrderSummary> orders;
  for (;;) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    orders.push_back(
        OrderSummary{query->Int(0), query->Text(1), query->Int(2), static_cast<int>(query->Int(3))});
  }
  return orders;
}

Result<std::vector<BestSeller>> OrderRepository::BestSellers(int limit) {
  auto query =
      Statement::Prepare(db_,
                         "SELECT p.sku, SUM(i.quantity) AS units FROM order_items i "
                         "JOIN orders o ON o.id = i.order_id JOIN products p ON p.id = i.product_id "
                         "WHERE o.status <> 'cancelled' GROUP BY p.id ORDER BY units DESC, p.sku LIMIT ?");
  if (!query.ok()) return query.status();
  query->Bind(1, static_cast<std::int64_t>(limit));
  std::vector<BestSeller> sellers;
  for (;;) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    sellers.push_back(BestSeller{query->Text(0), query->Int(1)});
  }
  return sellers;
}

}  // namespace shop
