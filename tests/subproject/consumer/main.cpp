// Uses nianbao's core from a parent project: an engine without plugins (it still knows the core's
// rule catalogue), and an exact decimal sum of two money amounts.
#include <nianbao/decimal.h>
#include <nianbao/engine.h>
#include <nianbao/version.h>

#include <iostream>

int main() {
  nianbao::EngineOptions options;
  options.use_environment = false;
  options.use_install_dir = false;
  nianbao::Engine engine(options);
  auto sum = nianbao::Decimal::add(*nianbao::Decimal::parse("24252.311082"),
                                   *nianbao::Decimal::parse("0.688918"));
  std::cout << "nianbao " << NIANBAO_VERSION << " abi " << NIANBAO_ABI_VERSION << ": "
            << engine.plugins().size() << " plugins, " << engine.rules().size() << " rules, "
            << sum->to_string() << "\n";
  return engine.plugins().empty() && !engine.rules().empty() ? 0 : 1;
}
