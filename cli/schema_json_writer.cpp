#include "cli/schema_json_writer.hpp"

#include <string>

#include "schemac/model_json.hpp"

namespace schemac::cli {
namespace {

constexpr unsigned kIndentStep = 2;  // dump(2)

// `value` pretty-printed as dump(2) prints it when it sits `indent` spaces deep: nlohmann's own
// serializer (the one dump() uses), so the bytes cannot drift from it.
void AppendJson(const nlohmann::json& value, unsigned indent, std::string& out) {
  nlohmann::detail::serializer<nlohmann::json> serializer(
      nlohmann::detail::output_adapter<char, std::string>(out), ' ');
  serializer.dump(value, /*pretty_print=*/true, /*ensure_ascii=*/false, kIndentStep, indent);
}

void AppendKey(const char* key, unsigned indent, std::string& out) {
  out.append(indent, ' ');
  out += '"';
  out += key;
  out += "\": ";
}

// An array of model values, each converted just before it is printed.
template <typename T>
void AppendArray(const std::vector<T>& items, unsigned indent, std::string& out, std::ostream& stream) {
  if (items.empty()) {
    out += "[]";
    return;
  }
  out += "[\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ",\n";
    out.append(indent + kIndentStep, ' ');
    AppendJson(nlohmann::json(items[i]), indent + kIndentStep, out);
    // Flushed as it grows, so the text never holds more than a few tables either.
    if (out.size() > (1u << 16)) {
      stream.write(out.data(), static_cast<std::streamsize>(out.size()));
      out.clear();
    }
  }
  out += '\n';
  out.append(indent, ' ');
  out += ']';
}

// to_json(Namespace): keys in nlohmann's (sorted) order; "enums" only when there are some.
void AppendNamespace(const model::Namespace& ns, unsigned indent, std::string& out, std::ostream& stream) {
  const unsigned inner = indent + kIndentStep;
  out += "{\n";
  if (!ns.enums.empty()) {
    AppendKey("enums", inner, out);
    AppendArray(ns.enums, inner, out, stream);
    out += ",\n";
  }
  AppendKey("name", inner, out);
  AppendJson(nlohmann::json(ns.name), inner, out);
  out += ",\n";
  AppendKey("tables", inner, out);
  AppendArray(ns.tables, inner, out, stream);
  out += '\n';
  out.append(indent, ' ');
  out += '}';
}

}  // namespace

void WriteSchemaJson(const model::Schema& schema, std::ostream& stream) {
  std::string out;
  // to_json(Schema): "namespaces", then "unmanaged" when there is something.
  out += "{\n";
  AppendKey("namespaces", kIndentStep, out);
  if (schema.namespaces.empty()) {
    out += "[]";
  } else {
    out += "[\n";
    for (std::size_t i = 0; i < schema.namespaces.size(); ++i) {
      if (i > 0) out += ",\n";
      out.append(2 * kIndentStep, ' ');
      AppendNamespace(schema.namespaces[i], 2 * kIndentStep, out, stream);
    }
    out += '\n';
    out.append(kIndentStep, ' ');
    out += ']';
  }
  if (!schema.unmanaged.empty()) {
    out += ",\n";
    AppendKey("unmanaged", kIndentStep, out);
    AppendArray(schema.unmanaged, kIndentStep, out, stream);
  }
  out += "\n}";
  stream.write(out.data(), static_cast<std::streamsize>(out.size()));
}

}  // namespace schemac::cli
