#include "serve_command.hpp"

#include <csignal>
#include <iostream>
#include <memory>

#include "config_flags.hpp"
#include "ucf/app/application.hpp"

namespace ucf::cli {
namespace {

int Serve(const CommonFlags& flags) {
  // Block the stop signals before any thread starts, so every thread inherits the mask and the
  // main thread alone receives them through sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto config = LoadFromFlags(flags);
  if (!config.ok()) {
    std::cerr << "ucf: configuration error: " << config.status().message() << "\n";
    return 2;
  }
  auto app = app::Application::Create(std::move(*config));
  if (!app.ok()) {
    std::cerr << "ucf: startup failed: " << app.status().message() << "\n";
    return 1;
  }
  if (absl::Status s = (*app)->Start(); !s.ok()) {
    std::cerr << "ucf: startup failed: " << s.message() << "\n";
    return 1;
  }
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  (*app)->logger().Info("ucf.app", "stop signal received",
                        {{"signal", signal_number == SIGINT ? "SIGINT" : "SIGTERM"}});
  (*app)->Shutdown();
  return 0;
}

}  // namespace

void RegisterServeCommand(CLI::App& app) {
  auto flags = std::make_shared<CommonFlags>();
  CLI::App* serve = app.add_subcommand("serve", "Run the HTTP service");
  AddCommonFlags(*serve, *flags);
  serve->callback([flags] { throw CLI::RuntimeError(Serve(*flags)); });
}

}  // namespace ucf::cli
