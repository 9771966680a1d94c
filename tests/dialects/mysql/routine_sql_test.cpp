// The canonical spelling of stored routines and their DDL: what a user writes and what MariaDB
// 10.11 reports (information_schema.PARAMETERS, DTD_IDENTIFIER; read from a server) must compare
// equal, and a real change must not.
#include "dialects/mysql/routine_sql.hpp"

#include <gtest/gtest.h>

#include "dialects/mysql/view_trigger_sql.hpp"

namespace schemac::dialects::mysql {
namespace {

const ServerFeatures kMariaDb = FeaturesFor(ServerVersion::Parse("10.11.6-MariaDB"));

TEST(RoutineParameters, ModesNamesAndTypesWithCommasInside) {
  const auto parameters = ParseRoutineParameters("IN a INT, out `b c` decimal(10,2), INOUT d enum('x,y')");
  ASSERT_EQ(parameters.size(), 3u);
  EXPECT_EQ(parameters[0].mode, "");
  EXPECT_EQ(parameters[0].name, "a");
  EXPECT_EQ(parameters[0].type, "INT");
  EXPECT_EQ(parameters[1].mode, "OUT");
  EXPECT_EQ(parameters[1].name, "b c");
  EXPECT_EQ(parameters[1].type, "decimal(10,2)");
  EXPECT_EQ(parameters[2].mode, "INOUT");
  EXPECT_EQ(parameters[2].type, "enum('x,y')");
  EXPECT_TRUE(ParseRoutineParameters("").empty());
  // A parameter called `in` is a name, not a mode.
  const auto named_in = ParseRoutineParameters("`in` int");
  ASSERT_EQ(named_in.size(), 1u);
  EXPECT_EQ(named_in[0].name, "in");
  EXPECT_EQ(named_in[0].mode, "");
}

TEST(RoutineParameters, WrittenAndStoredSpellingsCompareEqual) {
  EXPECT_EQ(CanonicalRoutineArguments("IN a INTEGER, b VARCHAR(10)", kMariaDb),
            CanonicalRoutineArguments("`a` int(11), `b` varchar(10)", kMariaDb));
  EXPECT_EQ(CanonicalRoutineArguments("a int", kMariaDb), "a int");
  EXPECT_NE(CanonicalRoutineArguments("a int", kMariaDb), CanonicalRoutineArguments("a bigint", kMariaDb));
  EXPECT_NE(CanonicalRoutineArguments("a int", kMariaDb), CanonicalRoutineArguments("OUT a int", kMariaDb));
  EXPECT_EQ(CanonicalRoutineArguments("`b c` int, `in` int", kMariaDb), "`b c` int, `in` int")
      << "a name that needs its backquotes keeps them";
  const std::string once = CanonicalRoutineArguments("OUT b decimal(10,2)", kMariaDb);
  EXPECT_EQ(CanonicalRoutineArguments(once, kMariaDb), once);
  EXPECT_EQ(CanonicalRoutineType("INT(11)", kMariaDb), CanonicalRoutineType("integer", kMariaDb));
}

model::Routine Function(const std::string& body) {
  model::Routine routine;
  routine.name = "add_one";
  routine.arguments = "a int";
  routine.returns = "int";
  routine.body = body;
  return routine;
}

TEST(RoutineSql, NormalizedBodiesWithAndWithoutBeginEndMatch) {
  model::Routine written = Function("BEGIN\n  -- one more\n  RETURN a + 1;\nEND");
  written.language = "SQL";
  written.security = model::ViewSecurity::Definer;
  model::Routine stored = Function("RETURN a + 1");
  NormalizeRoutine(written, kMariaDb);
  NormalizeRoutine(stored, kMariaDb);
  EXPECT_EQ(written, stored);
}

TEST(RoutineSql, CreateSpellsEveryCharacteristicAndOneStatementBare) {
  model::Routine routine = Function("RETURN a + 1;");
  routine.deterministic = true;
  routine.data_access = model::RoutineDataAccess::NoSql;
  routine.comment = "it's";
  routine.definer = "app@%";
  EXPECT_EQ(RenderCreateRoutine(routine),
            "CREATE DEFINER='app'@'%' FUNCTION `add_one`(`a` int) RETURNS int DETERMINISTIC NO SQL "
            "COMMENT 'it''s' RETURN a + 1");
  model::Routine procedure;
  procedure.name = "bump";
  procedure.procedure = true;
  procedure.arguments = "OUT n int";
  procedure.body = "SET n = 1; SET n = n + 1;";
  procedure.security = model::ViewSecurity::Invoker;
  EXPECT_EQ(RenderCreateRoutine(procedure),
            "CREATE PROCEDURE `bump`(OUT `n` int) SQL SECURITY INVOKER BEGIN SET n = 1; SET n = n + 1; END");
  EXPECT_EQ(RenderDropRoutine(procedure, true), "DROP PROCEDURE IF EXISTS `bump`");
}

TEST(RoutineSql, OnlyCommentDataAccessAndSecurityAlterInPlace) {
  const model::Routine before = Function("RETURN a + 1;");
  model::Routine after = before;
  after.comment = "new";
  after.security = model::ViewSecurity::Invoker;
  after.data_access = model::RoutineDataAccess::ReadsSqlData;
  EXPECT_TRUE(AlterableInPlace(before, after));
  EXPECT_EQ(RenderAlterRoutine(after),
            "ALTER FUNCTION `add_one` READS SQL DATA SQL SECURITY INVOKER COMMENT 'new'");
  model::Routine deterministic = before;
  deterministic.deterministic = true;
  EXPECT_FALSE(AlterableInPlace(before, deterministic));
  model::Routine body = before;
  body.body = "RETURN a + 2;";
  EXPECT_FALSE(AlterableInPlace(before, body));
  model::Routine other_definer = after;
  other_definer.definer = "deploy@%";
  model::Routine live = before;
  live.definer = "app@%";
  EXPECT_FALSE(AlterableInPlace(live, other_definer));
  EXPECT_TRUE(AlterableInPlace(live, after));  // no definer named: the live one stays
}

TEST(RoutineSql, WhatMysqlCannotHoldIsRefusedByName) {
  model::Namespace ns;
  model::Routine postgres_style = Function("RETURN a + 1;");
  postgres_style.language = "plpgsql";
  postgres_style.volatility = model::RoutineVolatility::Immutable;
  postgres_style.strict = true;
  postgres_style.settings = {"search_path=public"};
  postgres_style.arguments = "OUT a int";
  ns.routines = {postgres_style, Function("RETURN 1;")};
  std::vector<std::string> problems;
  CheckRoutine(ns, ns.routines[0], problems);
  auto mentions = [&](const std::string& text) {
    for (const auto& problem : problems) {
      if (problem.find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(mentions("`language plpgsql` is PostgreSQL's"));
  EXPECT_TRUE(mentions("on MySQL write `deterministic`"));
  EXPECT_TRUE(mentions("`strict` is PostgreSQL's"));
  EXPECT_TRUE(mentions("`set` clauses are PostgreSQL's"));
  EXPECT_TRUE(mentions("MySQL has no overloads"));
  EXPECT_TRUE(mentions("a function's parameters are IN only"));
  problems.clear();
  model::Namespace fine;
  fine.routines = {Function("RETURN a + 1;")};
  CheckRoutine(fine, fine.routines[0], problems);
  EXPECT_TRUE(problems.empty());
}

}  // namespace
}  // namespace schemac::dialects::mysql

namespace schemac::dialects::mysql {
namespace {

TEST(RoutineSql, AnEmptyCompoundStatementStaysOne) {
  EXPECT_EQ(CanonicalCompoundBody("BEGIN END"), "BEGIN END");
  EXPECT_EQ(CanonicalCompoundBody("begin\n  -- nothing yet\nend"), "BEGIN END");
  EXPECT_EQ(CanonicalCompoundBody(CanonicalCompoundBody("BEGIN END")), "BEGIN END");
  model::Routine noop;
  noop.name = "noop";
  noop.procedure = true;
  noop.body = "BEGIN END";
  EXPECT_EQ(RenderCreateRoutine(noop), "CREATE PROCEDURE `noop`() BEGIN END");
}

}  // namespace
}  // namespace schemac::dialects::mysql
