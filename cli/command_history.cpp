// schemac history --url DBURL [--limit N] [--format text|json]: what apply did to a database, read
// from schemac_history without changing anything: each run with who ran it, when, the fingerprints
// of the catalog it started from and aimed at, its outcome, and each step with its duration.
#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/environment_flags.hpp"
#include "cli/output.hpp"
#include "migrator/history.hpp"
#include "sources/sources.hpp"

namespace schemac::cli {
namespace {

struct HistoryFlags {
  std::string url;
  std::string format = "text";
  int limit = 20;
  EnvironmentFlags environment;
  const CLI::Option* url_option = nullptr;
};

// Fingerprints are long; the first 12 hex digits tell runs apart.
std::string Short(const std::string& fingerprint) {
  if (fingerprint.empty()) return "-";
  return fingerprint.substr(0, std::min<std::size_t>(fingerprint.size(), 12));
}

void PrintText(const std::vector<migrator::HistoryEntry>& runs, const std::string& display_url) {
  if (runs.empty()) {
    std::cout << "No runs recorded in " << display_url << ": schemac apply has not changed it.\n";
    return;
  }
  for (const auto& run : runs) {
    std::cout << "run " << run.id << "  " << run.status << "  " << run.steps_done << "/" << run.steps_total
              << " steps  started " << run.started_at;
    if (!run.finished_at.empty()) std::cout << "  finished " << run.finished_at;
    std::cout << '\n'
              << "  by " << (run.run_by.empty() ? "(not recorded)" : run.run_by) << "; catalog "
              << Short(run.source_hash) << " -> " << Short(run.target_hash) << '\n';
    for (const auto& step : run.steps) {
      std::cout << "  [" << step.step << "] " << step.description << ": " << step.outcome << " ("
                << FormatDuration(step.duration_ms) << ")\n";
    }
    if (!run.error.empty() && run.status != "done") std::cout << "  error: " << run.error << '\n';
  }
}

void PrintJson(const std::vector<migrator::HistoryEntry>& runs) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& run : runs) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& step : run.steps) {
      steps.push_back({{"step", step.step},
                       {"description", step.description},
                       {"outcome", step.outcome},
                       {"started_at", step.started_at},
                       {"duration_ms", step.duration_ms},
                       {"error", step.error}});
    }
    out.push_back({{"id", run.id},
                   {"status", run.status},
                   {"started_at", run.started_at},
                   {"finished_at", run.finished_at},
                   {"run_by", run.run_by},
                   {"source_fingerprint", run.source_hash},
                   {"target_fingerprint", run.target_hash},
                   {"steps_total", run.steps_total},
                   {"steps_done", run.steps_done},
                   {"error", run.error},
                   {"steps", steps}});
  }
  std::cout << out.dump(2) << '\n';
}

int RunHistory(HistoryFlags flags) {
  Result<std::optional<ProjectEnvironment>> environment = flags.environment.Load();
  if (!environment.ok()) return ReportError(environment.status());
  if (*environment) TakeUnlessGiven(flags.url_option, flags.url, (*environment)->url);
  if (flags.url.empty()) return ReportUsageError("history needs --url (or --env NAME with a url)");
  if (flags.format != "text" && flags.format != "json")
    return ReportUsageError("--format must be text or json, not '" + flags.format + "'");
  if (flags.limit < 0) return ReportUsageError("--limit must be 0 (every run) or more");
  Result<sources::Source> source = sources::ClassifySource(flags.url);
  if (!source.ok()) return ReportError(source.status());
  const auto* url = std::get_if<dialects::DatabaseUrl>(&*source);
  if (url == nullptr) {
    return ReportError(Status(StatusCode::kInvalidArgument,
                              "--url '" + dialects::DatabaseUrl::MaskText(flags.url) +
                                  "' is not a database URL (sqlite://, postgres://, mysql://)"));
  }
  const std::vector<const sources::Source*> urls = {&*source};
  // Reading the history never creates a database.
  auto connection = sources::OpenDatabase(*url, /*must_exist=*/true);
  if (!connection.ok()) return ReportError(connection.status(), urls);
  Result<std::vector<migrator::HistoryEntry>> runs = migrator::ReadHistory(**connection);
  if (!runs.ok()) return ReportError(runs.status(), urls);
  // The newest `limit` runs, oldest first, as a log reads.
  if (flags.limit > 0 && runs->size() > static_cast<std::size_t>(flags.limit)) {
    runs->erase(runs->begin(), runs->end() - flags.limit);
  }
  if (flags.format == "json") {
    PrintJson(*runs);
  } else {
    PrintText(*runs, (*connection)->DisplayUrl());
  }
  return kExitOk;
}

}  // namespace

Command AddHistoryCommand(CLI::App& root) {
  auto flags = std::make_shared<HistoryFlags>();
  CLI::App* app =
      root.add_subcommand("history", "List the runs of apply recorded in a database, with their steps");
  flags->url_option = app->add_option("--url", flags->url, "The database (sqlite://, postgres://, mysql://)");
  app->add_option("--limit", flags->limit, "Show the newest N runs (0: all)")->capture_default_str();
  app->add_option("--format", flags->format, "text (default) or json");
  AddEnvironmentFlags(*app, flags->environment);
  return Command{app, [flags] { return RunHistory(*flags); }};
}

}  // namespace schemac::cli
