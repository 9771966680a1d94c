// PostgreSQL's canonical spelling of a model: what Normalize() rewrites both sides into.
#pragma once

#include <string>

#include "schemac/model.hpp"

namespace schemac::dialects::postgres {

// The model type of a PostgreSQL type spelling (format_type() output or what a user wrote in
// native(postgres: ...)): "integer", "int4", "character varying(20)", "numeric(12,2)", ... map to
// portable kinds; anything else (inet, integer[], timestamp(3) ...) stays Native with a canonical
// spelling. The portable `json` is PostgreSQL's jsonb (the one to use); `json` stays native.
model::DataType TypeFromPostgresSpelling(const std::string& spelling);

// Rewrites `schema` in place into PostgreSQL's canonical form (see PostgresDialect::Normalize).
// Idempotent.
void NormalizeSchema(model::Schema& schema);

// A default in canonical form for a column of type `type` (nullopt: no default at all).
std::optional<model::DefaultValue> NormalizeDefault(const std::optional<model::DefaultValue>& value,
                                                    const model::DataType& type);

}  // namespace schemac::dialects::postgres
