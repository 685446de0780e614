#pragma once
// A small Prometheus metrics registry: counter and histogram families with fixed label names.
// Families are created once (at startup) and live as long as the registry; recording is
// thread-safe and cheap (one mutex per family, no allocation once a label set exists).
// Label values must come from bounded sets (route patterns, never raw paths or ids).
// Recording takes label values as string views and allocates nothing once a series exists.


#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ucf::observability {

using LabelValues = std::initializer_list<std::string_view>;

// A family of single-number series: the common part of counters and gauges.
class ValueFamily {
 public:
  ValueFamily(std::string name, std::string help, std::vector<std::string> label_names,
              std::string_view type);
  void Render(std::string& out) const;

 protected:
  // Sets the series' value to update(old value), creating the series at 0.
  void Update(LabelValues label_values, double (*update)(double old, double arg), double arg);

 private:
  struct Series {
    std::vector<std::string> labels;
    double value = 0;
  };
  std::string name_, help_, type_;
  std::vector<std::string> label_names_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Series> series_;  // by joined label values
};

class CounterFamily final : public ValueFamily {
 public:
  CounterFamily(std::string name, std::string help, std::vector<std::string> label_names)
      : ValueFamily(std::move(name), std::move(help), std::move(label_names), "counter") {}
  void Increment(LabelValues label_values, double by = 1) {
    Update(label_values, [](double old, double arg) { return old + arg; }, by);
  }
};

class GaugeFamily final : public ValueFamily {
 public:
  GaugeFamily(std::string name, std::string help, std::vector<std::string> label_names)
      : ValueFamily(std::move(name), std::move(help), std::move(label_names), "gauge") {}
  void Set(LabelValues label_values, double value) {
    Update(label_values, [](double, double arg) { return arg; }, value);
  }
  void Add(LabelValues label_values, double delta) {
    Update(label_values, [](double old, double arg) { return old + arg; }, delta);
  }
};

class HistogramFamily {
 public:
  HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                  std::vector<double> buckets);
  void Observe(LabelValues label_values, double value);
  void Render(std::string& out) const;

 private:
  struct Series {
    std::vector<std::string> labels;
    std::vector<unsigned long long> counts;  // per bucket (non-cumulative)
    double sum = 0;
    unsigned long long count = 0;
  };
  std::string name_, help_;
  std::vector<std::string> label_names_;
  std::vector<double> buckets_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Series> series_;  // by joined label values
};

class MetricsRegistry {
 public:
  // Returned references stay valid for the registry's lifetime. Registering a name twice returns
  // the existing family.
  CounterFamily& Counter(const std::string& name, const std::string& help,
                         std::vector<std::string> label_names);
  HistogramFamily& Histogram(const std::string& name, const std::string& help,
                             std::vector<std::string> label_names,
                             std::vector<double> buckets = DefaultLatencyBuckets());
  GaugeFamily& Gauge(const std::string& name, const std::string& help,
                     std::vector<std::string> label_names);

  // Prometheus text exposition format 0.0.4. Runs the collectors first.
  std::string RenderPrometheus() const;
  // A callback that sets gauges from live state (queue depths) just before each render; must be
  // cheap and never block (the metrics route runs on a network thread).
  void AddCollector(std::function<void()> collect);

  static std::vector<double> DefaultLatencyBuckets();

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<CounterFamily>> counters_;
  std::map<std::string, std::unique_ptr<HistogramFamily>> histograms_;
  std::map<std::string, std::unique_ptr<GaugeFamily>> gauges_;
  std::vector<std::function<void()>> collectors_;  // guarded by mu_
};

}  // namespace ucf::observability
