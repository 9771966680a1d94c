// A GCC plugin that loads AFL++'s real GCC instrumentation plugin despite a packaging-only
// version mismatch.
//
// Why: Debian 12 ships afl++ 4.04c with afl-gcc-pass.so built against gcc 12.2.0-14, while the
// security update installs gcc 12.2.0-14+deb12u1. Same GCC release, same plugin ABI, but GCC's
// plugin_default_version_check() also compares the `configure` command line (which names the
// Debian package revision and build path), so the stock plugin refuses to load ("expected GCC
// 12.2.0, is 12.2.0"). Debian's source packages are not reachable here, so the plugin cannot
// simply be rebuilt.
//
// What: this shim is itself a plugin built against the installed gcc-12-plugin-dev, so GCC loads
// it. It opens the real plugin and calls its plugin_init with GCC's version record, in which only
// `configuration_arguments` is replaced by the string the real plugin was built with (read from
// its own file). basever, datestamp, devphase and revision are passed unchanged, so the real
// plugin still refuses a different GCC release.
//
// tests/fuzz/build.sh uses it only when the stock plugin fails on a probe file.
#include <dlfcn.h>
#include <gcc-plugin.h>
#include <plugin-version.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#ifndef AFL_REAL_GCC_PLUGIN
#define AFL_REAL_GCC_PLUGIN "/usr/lib/afl/afl-gcc-pass.so"
#endif

int plugin_is_GPL_compatible = 1;

namespace {

// The `configure` command line embedded in the real plugin (GCC's plugin-version.h puts it there as
// a NUL-terminated string). Empty when it cannot be found.
std::string EmbeddedConfigureArguments(const char* plugin_path) {
  std::ifstream file(plugin_path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  static const char kMarker[] = " --with-pkgversion=";
  size_t marker = bytes.find(kMarker);
  if (marker == std::string::npos) return {};
  size_t begin = bytes.rfind('\0', marker);
  begin = begin == std::string::npos ? 0 : begin + 1;
  size_t end = bytes.find('\0', marker);
  if (end == std::string::npos) return {};
  return bytes.substr(begin, end - begin);
}

}  // namespace

int plugin_init(struct plugin_name_args* info, struct plugin_gcc_version* version) {
  using PluginInit = int (*)(struct plugin_name_args*, struct plugin_gcc_version*);

  void* real = dlopen(AFL_REAL_GCC_PLUGIN, RTLD_NOW | RTLD_GLOBAL);
  if (real == nullptr) {
    std::fprintf(stderr, "afl gcc plugin shim: cannot load %s: %s\n", AFL_REAL_GCC_PLUGIN, dlerror());
    return 1;
  }
  auto real_init = reinterpret_cast<PluginInit>(dlsym(real, "plugin_init"));
  if (real_init == nullptr) {
    std::fprintf(stderr, "afl gcc plugin shim: %s has no plugin_init\n", AFL_REAL_GCC_PLUGIN);
    return 1;
  }

  // Kept alive for the whole compilation: the real plugin may keep the pointer.
  static std::string configure_arguments = EmbeddedConfigureArguments(AFL_REAL_GCC_PLUGIN);
  static struct plugin_gcc_version bridged = *version;
  if (!configure_arguments.empty()) bridged.configuration_arguments = configure_arguments.c_str();
  return real_init(info, &bridged);
}
