// How each piece of a table change runs on a MySQL-family server: the ALTER TABLE clause, the
// strongest online algorithm the server supports for it (INSTANT, else INPLACE with LOCK=NONE,
// else a table COPY under a shared lock, flagged as a hazard), and a catalog condition that is
// true once it took effect, so an interrupted apply can tell which steps already ran.
#pragma once

#include <string>
#include <vector>

#include "dialects/mysql/capabilities.hpp"
#include "dialects/mysql/normalize.hpp"
#include "schemac/change.hpp"
#include "schemac/plan.hpp"

namespace schemac::dialects::mysql {

// Ordered from strongest (least blocking) to weakest.
enum class Algorithm { kInstant, kInplace, kCopy };

// ", ALGORITHM=INSTANT" / ", ALGORITHM=INPLACE, LOCK=NONE" / ", ALGORITHM=COPY, LOCK=SHARED".
std::string AlgorithmClause(Algorithm algorithm);
// The lock taken, in MySQL's words, for PlanStep::lock.
std::string AlgorithmLock(Algorithm algorithm);
std::string AlgorithmStrategy(Algorithm algorithm);

// One clause of an ALTER TABLE.
struct AlterAction {
  std::string clause;       // "ADD COLUMN `x` int NULL"
  std::string description;  // "add column x"
  Algorithm algorithm = Algorithm::kInplace;
  std::vector<Hazard> hazards;
  // An SQL condition, true once this clause has taken effect (for the step's precondition probe).
  std::string done_condition;
  // Runs with foreign_key_checks=0 (an online FOREIGN KEY add, which then skips validating rows).
  bool foreign_key_checks_off = false;
  // A query that must return no rows before the step runs (SqlScript::precheck); empty: none.
  std::string precheck;
  // Changes only the data dictionary (a comment, a default, a column name): INSTANT on any engine,
  // where other INSTANT and INPLACE operations exist for InnoDB tables only.
  bool metadata_only = false;
  // Runs in an ALTER of its own. MariaDB refuses to combine adding or dropping a virtual column
  // with anything else; and the undo of a dropped foreign key (an add with foreign_key_checks=0
  // and a precheck) needs a step of its own, which it gets only if the drop had one.
  bool alone = false;
  int phase = 0;  // execution order across kinds of clauses; see PlanTableActions
  // What of the table's change the clause carries out: the step it lands in carries them all,
  // and the planner undoes that step from them (PlanStep::parts).
  std::vector<ChangePart> parts;
};

// The clauses of one table's changes, in execution order (foreign keys dropped first, added last).
std::vector<AlterAction> PlanTableActions(const model::Table& before, const model::Table& after,
                                          const TableDiff& diff, const ServerVersion& version,
                                          const DatabaseDefaults& defaults, const PlanPolicy& policy);

// Consecutive actions that share an algorithm merged into ALTER TABLE steps on `table`.
std::vector<PlanStep> StepsForActions(const std::string& table, const std::vector<AlterAction>& actions);

// Catalog conditions, true when the object exists in the connected database.
std::string TableExistsCondition(const std::string& table);
std::string ColumnExistsCondition(const std::string& table, const std::string& column);
std::string IndexExistsCondition(const std::string& table, const std::string& index);
std::string ConstraintExistsCondition(const std::string& table, const std::string& name,
                                      const std::string& type);

// A query that returns one row, a message naming `fk`, the count of rows of `table` whose key
// columns are all set but match no row of the referenced table, and one such key, when there are
// any; no rows when the foreign key holds for the rows there now (MATCH SIMPLE: a NULL in any key
// column exempts the row, as InnoDB does).
std::string OrphanRowsPrecheck(const std::string& table, const model::ForeignKey& fk);

// "SELECT 1 FROM DUAL WHERE <conditions, AND-ed>".
std::string ProbeQuery(const std::vector<std::string>& conditions);

}  // namespace schemac::dialects::mysql
