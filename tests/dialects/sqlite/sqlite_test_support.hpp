// Helpers shared by the SQLite dialect tests: an in-memory database, a runner for SqlScripts with
// the semantics of include/schemac/plan.hpp, and small model builders.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "dialects/sqlite/connection.hpp"
#include "dialects/sqlite/dialect.hpp"
#include "schemac/plan.hpp"

namespace schemac::dialects::sqlite::testing {

inline std::unique_ptr<SqliteConnection> OpenMemory() {
  auto opened = SqliteConnection::Open("sqlite::memory:", true);
  EXPECT_TRUE(opened.ok()) << opened.status().message();
  return std::move(*opened);
}

// before; BEGIN; statements; verify (a row means roll back); COMMIT; after (always).
inline Status RunScript(Connection& db, const SqlScript& script) {
  for (const auto& sql : script.before) {
    if (Status s = db.Execute(sql); !s.ok()) return s;
  }
  Status result = Status::Ok();
  if (script.transactional) result = db.Begin();
  for (std::size_t i = 0; result.ok() && i < script.statements.size(); ++i)
    result = db.Execute(script.statements[i]);
  for (std::size_t i = 0; result.ok() && i < script.verify.size(); ++i) {
    Result<bool> rows = db.QueryHasRows(script.verify[i]);
    if (!rows.ok()) {
      result = rows.status();
    } else if (*rows) {
      result = Status(StatusCode::kDatabaseError, "verify failed: " + script.verify[i]);
    }
  }
  if (script.transactional) {
    if (result.ok()) {
      result = db.Commit();
    } else {
      db.Rollback();
    }
  }
  for (const auto& sql : script.after) db.Execute(sql);
  return result;
}

inline Status RunSteps(Connection& db, const std::vector<PlanStep>& steps) {
  for (const auto& step : steps) {
    if (Status s = RunScript(db, step.up); !s.ok()) return s.WithContext(step.description);
  }
  return Status::Ok();
}

inline model::Schema InspectOk(Connection& db) {
  auto schema = db.Inspect();
  EXPECT_TRUE(schema.ok()) << schema.status().message();
  return schema.ok() ? *schema : model::Schema{};
}

inline void ExecOk(Connection& db, const std::string& sql) {
  Status s = db.Execute(sql);
  ASSERT_TRUE(s.ok()) << s.message();
}

inline std::string Scalar(Connection& db, const std::string& sql) {
  auto rows = db.Query(sql);
  if (!rows.ok() || rows->empty() || rows->front().empty() || !rows->front()[0]) return "<none>";
  return *rows->front()[0];
}

inline model::Column Col(const std::string& name, model::TypeKind kind, bool nullable = true) {
  model::Column column;
  column.name = name;
  column.type.kind = kind;
  column.nullable = nullable;
  return column;
}

inline model::Schema SchemaOf(std::vector<model::Table> tables, std::vector<model::Enum> enums = {}) {
  model::Schema schema;
  schema.namespaces.push_back(model::Namespace{"", std::move(tables), std::move(enums), {}, {}, {}, {}});
  return schema;
}

inline model::Schema Normalized(model::Schema schema) {
  SqliteDialectInstance().Normalize(schema);
  return schema;
}

}  // namespace schemac::dialects::sqlite::testing
