// Status and Result: how operational failures (I/O, database, network, user input) travel.
// They are values, never exceptions across public headers. Header-only, C++17.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace schemac {

enum class StatusCode {
  kOk,
  kInvalidArgument,  // bad input from the user: a malformed URL, a bad flag value
  kNotFound,         // a file, a database, a table that is not there
  kIoError,          // reading or writing a file failed
  kConnectionError,  // could not reach or log in to a database
  kDatabaseError,    // the database refused a statement
  kLockTimeout,      // a lock could not be had in time (retryable)
  kRefused,          // a safety rule stopped the operation (destructive change, no approval)
  kUnsupported,      // the model or dialect cannot express what was asked
  kStale,            // a saved plan no longer matches the database it was made against
  kInterrupted,      // stopped on request (SIGINT, SIGTERM); running again continues from there
  kInternal,         // a bug in schemac
};

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // The same status with `context` put in front of its message ("applying step 3: ...").
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit on purpose
  Result(Status status) : value_(std::move(status)) {}  // NOLINT: implicit on purpose

  bool ok() const { return std::holds_alternative<T>(value_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(value_);
  }
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> value_;
};

}  // namespace schemac
