// The canonical spelling of view queries and trigger bodies: what a user writes and what MariaDB
// 10.11 stores in information_schema (the right-hand sides below were read from a server) must
// compare equal, and a real change must not.
#include "dialects/mysql/view_trigger_sql.hpp"

#include <gtest/gtest.h>

namespace schemac::dialects::mysql {
namespace {

const std::vector<std::string> kRelations = {"users", "orders", "Audit"};

std::string Canonical(const std::string& query) { return CanonicalViewQuery(query, kRelations); }

TEST(StripDatabaseQualifier, RemovesTheDatabaseOutsideStrings) {
  EXPECT_EQ(
      StripDatabaseQualifier("select `db`.`users`.`id` AS `id` from `db`.`users` where x = '`db`.'", "db"),
      "select `users`.`id` AS `id` from `users` where x = '`db`.'");
  EXPECT_EQ(StripDatabaseQualifier("select `v1`.`id` AS `id` from `db`.`v1`", "db"),
            "select `v1`.`id` AS `id` from `v1`");
  EXPECT_EQ(StripDatabaseQualifier("select `dbx`.`t`.`id` from `dbx`.`t`", "db"),
            "select `dbx`.`t`.`id` from `dbx`.`t`");
}

TEST(CanonicalViewQuery, WrittenAndStoredSingleTableQueriesCompareEqual) {
  EXPECT_EQ(Canonical("SELECT id, email FROM users WHERE active = 1 and score > 2"),
            Canonical("select `users`.`id` AS `id`,`users`.`email` AS `email` from `users` where "
                      "`users`.`active` = 1 and `users`.`score` > 2"));
  EXPECT_EQ(Canonical("SELECT id AS ident, upper(email) e FROM users ORDER BY id LIMIT 3"),
            Canonical("select `users`.`id` AS `ident`,ucase(`users`.`email`) AS `e` from `users` order by "
                      "`users`.`id` limit 3"));
  EXPECT_EQ(Canonical("select id from users where email like 'a%' or email is null"),
            Canonical("select `users`.`id` AS `id` from `users` where `users`.`email` like 'a%' or "
                      "`users`.`email` is null"));
}

TEST(CanonicalViewQuery, JoinsCompareEqualWhenQualifiedAsWritten) {
  EXPECT_EQ(
      Canonical(
          "select u.id as a, count(*) as b from users u join orders o on o.user_id = u.id group by u.id"),
      Canonical("select `u`.`id` AS `a`,count(0) AS `b` from (`users` `u` join `orders` `o` "
                "on(`o`.`user_id` = `u`.`id`)) group by `u`.`id`"));
}

TEST(CanonicalViewQuery, RealChangesStayDifferent) {
  EXPECT_NE(Canonical("SELECT id FROM users WHERE active = 1"),
            Canonical("SELECT id FROM users WHERE active = 0"));
  EXPECT_NE(Canonical("SELECT id FROM users"), Canonical("SELECT id, email FROM users"));
  EXPECT_NE(Canonical("SELECT id AS a FROM users"), Canonical("SELECT id AS b FROM users"));
  EXPECT_NE(Canonical("SELECT 'Users' AS x FROM users"), Canonical("SELECT 'users' AS x FROM users"));
}

TEST(CanonicalViewQuery, KeepsOperatorsOfSeveralCharactersWhole) {
  EXPECT_EQ(Canonical("select id from users where active <> 0 and score >= 2 and score <= 9"),
            "select id from users where active <> 0 and score >= 2 and score <= 9");
  EXPECT_EQ(Canonical("select id - 1 AS d from users where score >= -5"),
            "select id - 1 d from users where score >= -5");
  EXPECT_EQ(Canonical("select `users`.`id` AS `id` from `users` where `users`.`active` <> 0"),
            Canonical("SELECT id FROM users WHERE active != 0"));
}

TEST(CanonicalViewQuery, KeepsTheCaseOfRelationNames) {
  EXPECT_NE(Canonical("SELECT id FROM Audit").find("Audit"), std::string::npos);
}

TEST(CanonicalViewQuery, IsIdempotent) {
  for (const std::string query :
       {"SELECT id, email FROM users WHERE active = 1",
        "select u.id a from users u join orders o on o.id = u.id", "select count(*) n from Audit",
        "select `weird name`.x from `weird name`"}) {
    const std::string once = Canonical(query);
    EXPECT_EQ(Canonical(once), once) << query;
  }
}

TEST(CanonicalCompoundBody, UnwrapsBeginEndAndEvensOutSpacing) {
  EXPECT_EQ(CanonicalCompoundBody("BEGIN\n  IF NEW.email IS NULL THEN SET NEW.email = 'x';  END IF;\nEND"),
            "IF NEW.email IS NULL THEN SET NEW.email = 'x'; END IF;");
  EXPECT_EQ(CanonicalCompoundBody("set NEW.score = coalesce(NEW.score, 0)"),
            "set NEW.score = coalesce(NEW.score, 0);");
  EXPECT_EQ(CanonicalCompoundBody("SET NEW.a = 'two  spaces'; -- why\n"), "SET NEW.a = 'two  spaces';");
  const std::string once = CanonicalCompoundBody("BEGIN SET @x = 1; SET @y = 2; END");
  EXPECT_EQ(CanonicalCompoundBody(once), once);
}

TEST(RenderView, SpellsSecurityAndCheckOption) {
  model::View view;
  view.name = "v`1";
  view.query = "select id from users";
  view.security = model::ViewSecurity::Invoker;
  view.check_option = model::ViewCheckOption::Local;
  EXPECT_EQ(
      RenderCreateView(view, true),
      "CREATE OR REPLACE SQL SECURITY INVOKER VIEW `v``1` AS select id from users WITH LOCAL CHECK OPTION");
  EXPECT_EQ(RenderRenameView("a", "b"), "RENAME TABLE `a` TO `b`");
}

TEST(RenderTrigger, SpellsOrderAndBody) {
  model::Trigger trigger;
  trigger.name = "t2";
  trigger.table = "users";
  trigger.timing = model::TriggerTiming::Before;
  trigger.events = {model::TriggerEvent::Update};
  trigger.body = "SET NEW.a = 1;";
  EXPECT_EQ(RenderCreateTrigger(trigger, "FOLLOWS", "t1"),
            "CREATE TRIGGER `t2` BEFORE UPDATE ON `users` FOR EACH ROW FOLLOWS `t1` SET NEW.a = 1");
  trigger.body = "SET NEW.a = 'x;y'; SET NEW.b = 2;";
  EXPECT_EQ(RenderCreateTrigger(trigger, "", ""),
            "CREATE TRIGGER `t2` BEFORE UPDATE ON `users` FOR EACH ROW BEGIN SET NEW.a = 'x;y'; SET NEW.b = "
            "2; END");
  trigger.body = "IF NEW.a IS NULL THEN SET NEW.a = 1; END IF;";
  EXPECT_EQ(RenderCreateTrigger(trigger, "", ""),
            "CREATE TRIGGER `t2` BEFORE UPDATE ON `users` FOR EACH ROW BEGIN IF NEW.a IS NULL THEN SET NEW.a "
            "= 1; END "
            "IF; END");
}

}  // namespace
}  // namespace schemac::dialects::mysql
