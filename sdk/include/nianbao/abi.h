// The binary handshake between the nianbao host and a plugin. This is the only C-level contract:
// the host reads the descriptor before it calls anything else in the plugin.
#pragma once

#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
// Defines _GLIBCXX_USE_CXX11_ABI / _LIBCPP_VERSION, which the fingerprint below reads: without a
// standard C++ header first, the fingerprint would depend on the plugin's include order.
#include <cstddef>
#endif

// NIANBAO_ABI_VERSION: generated from the build's one definition of it.
#include "nianbao/version.h"

/// Name of the one function every plugin exports.
#define NIANBAO_PLUGIN_ENTRY_SYMBOL "nianbao_plugin_entry"

#define NIANBAO_STRINGIFY_IMPL(x) #x
#define NIANBAO_STRINGIFY(x) NIANBAO_STRINGIFY_IMPL(x)

// The build fingerprint names what must agree between the host and a plugin for C++ types to
// be shared: the standard library, its dual ABI, debug containers and the pointer size.
#if defined(_GLIBCXX_USE_CXX11_ABI)
#define NIANBAO_FP_CXXABI "libstdc++-cxx11abi" NIANBAO_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define NIANBAO_FP_CXXABI "libc++"
#else
#define NIANBAO_FP_CXXABI "unknown-stdlib"
#endif
#if defined(_GLIBCXX_DEBUG)
#define NIANBAO_FP_DEBUG "-debugcontainers"
#else
#define NIANBAO_FP_DEBUG ""
#endif
#define NIANBAO_BUILD_FINGERPRINT                                                     \
  "abi" NIANBAO_STRINGIFY(NIANBAO_ABI_VERSION) ";" NIANBAO_FP_CXXABI NIANBAO_FP_DEBUG \
                                               ";ptr" NIANBAO_STRINGIFY(__SIZEOF_POINTER__)

#ifdef __cplusplus
extern "C" {
#endif

/// What a plugin's entry function returns. New fields are only ever appended; `struct_size`
/// tells the host how much of the struct the plugin knows.
typedef struct nianbao_plugin_descriptor {
  uint32_t struct_size;           ///< sizeof(nianbao_plugin_descriptor) when the plugin was built
  uint32_t abi_version;           ///< NIANBAO_ABI_VERSION when the plugin was built
  const char* build_fingerprint;  ///< NIANBAO_BUILD_FINGERPRINT when the plugin was built
  const char* id;                 ///< unique plugin id, e.g. "json-importer"
  const char* version;            ///< the plugin's own version, e.g. "1.0.0"
  /// Registers the plugin's components with the host's registry (a nianbao::Registry*). Returns 0
  /// on success; otherwise writes a message into `error` (NUL-terminated, at most `error_size`).
  int (*register_components)(void* registry, char* error, size_t error_size);
} nianbao_plugin_descriptor;

typedef const nianbao_plugin_descriptor* (*nianbao_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif
