#include "ucf/observability/metrics.hpp"

#include "ucf/core/strings.hpp"

#include <algorithm>


namespace ucf::observability {
namespace {

std::string EscapeLabel(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string Labels(const std::vector<std::string>& names, const std::vector<std::string>& values,
                   std::string_view extra = {}) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) {
    if (!out.empty()) out += ",";
    out += core::StrCat(names[i], "=\"",
                        EscapeLabel(values[i]),
                        "\"");
  }
  if (!extra.empty()) {
    if (!out.empty()) out += ",";
    out += extra;
  }
  return out.empty() ? out : "{" + out + "}";
}

void Header(std::string& out, const std::string& name, const std::string& help,
            std::string_view type) {
  core::StrAppend(&out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

std::string Number(double v) {
  if (v == static_cast<double>(static_cast<long long>(v))) return core::StrCat(static_cast<long long>(v));
  return core::StrCat(v);
}

// The series key: label values joined by an unprintable separator, built in a per-thread buffer so
// that looking up an existing series allocates nothing.
const std::string& JoinedKey(LabelValues values) {
  thread_local std::string key;
  key.clear();
  for (std::string_view v : values) {
    key.append(v);
    key.push_back('\x1f');
  }
  return key;
}

std::vector<std::string> ToStrings(LabelValues values) {
  return std::vector<std::string>(values.begin(), values.end());
}

// Series in label order, for stable output.
template <typename Map>
std::vector<const typename Map::mapped_type*> Sorted(const Map& map) {
  std::vector<const typename Map::mapped_type*> out;
  for (const auto& [k, v] : map) out.push_back(&v);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->labels < b->labels; });
  return out;
}

}  // namespace

ValueFamily::ValueFamily(std::string name, std::string help, std::vector<std::string> labels,
                         std::string_view type)
    : name_(std::move(name)),
      help_(std::move(help)),
      type_(type),
      label_names_(std::move(labels)) {}

void ValueFamily::Update(LabelValues label_values, double (*update)(double, double), double arg) {
  std::lock_guard lock(mu_);
  const std::string& key = JoinedKey(label_values);
  auto it = series_.find(key);
  if (it == series_.end()) it = series_.emplace(key, Series{ToStrings(label_values), 0}).first;
  it->second.value = update(it->second.value, arg);
}

void ValueFamily::Render(std::string& out) const {
  Header(out, name_, help_, type_);
  std::lock_guard lock(mu_);
  for (const Series* s : Sorted(series_)) {
    core::StrAppend(&out, name_, Labels(label_names_, s->labels), " ", Number(s->value), "\n");
  }
}

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> labels, std::vector<double> buckets)
    : name_(std::move(name)),
      help_(std::move(help)),
      label_names_(std::move(labels)),
      buckets_(std::move(buckets)) {
  std::sort(buckets_.begin(), buckets_.end());
}

void HistogramFamily::Observe(LabelValues label_values, double value) {
  size_t bucket = std::lower_bound(buckets_.begin(), buckets_.end(), value) - buckets_.begin();
  std::lock_guard lock(mu_);
  const std::string& key = JoinedKey(label_values);
  auto it = series_.find(key);
  if (it == series_.end()) {
    it = series_.emplace(key, Series{ToStrings(label_values), {}, 0, 0}).first;
    it->second.counts.assign(buckets_.size() + 1, 0);
  }
  Series& s = it->second;
  ++s.counts[bucket];
  s.sum += value;
  ++s.count;
}

void HistogramFamily::Render(std::string& out) const {
  Header(out, name_, help_, "histogram");
  std::lock_guard lock(mu_);
  for (const Series* sp : Sorted(series_)) {
    const Series& s = *sp;
    const std::vector<std::string>& labels = s.labels;
    unsigned long long cumulative = 0;
    for (size_t i = 0; i < buckets_.size(); ++i) {
      cumulative += s.counts[i];
      core::StrAppend(&out, name_, "_bucket",
                      Labels(label_names_, labels, core::StrCat("le=\"", buckets_[i], "\"")), " ",
                      cumulative, "\n");
    }
    core::StrAppend(&out, name_, "_bucket", Labels(label_names_, labels, "le=\"+Inf\""), " ",
                    s.count, "\n");
    core::StrAppend(&out, name_, "_sum", Labels(label_names_, labels), " ", s.sum, "\n");
    core::StrAppend(&out, name_, "_count", Labels(label_names_, labels), " ", s.count, "\n");
  }
}

std::vector<double> MetricsRegistry::DefaultLatencyBuckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

CounterFamily& MetricsRegistry::Counter(const std::string& name, const std::string& help,
                                        std::vector<std::string> label_names) {
  std::lock_guard lock(mu_);
  auto& slot = counters_[name];
  if (!slot) slot = std::make_unique<CounterFamily>(name, help, std::move(label_names));
  return *slot;
}

HistogramFamily& MetricsRegistry::Histogram(const std::string& name, const std::string& help,
                                            std::vector<std::string> label_names,
                                            std::vector<double> buckets) {
  std::lock_guard lock(mu_);
  auto& slot = histograms_[name];
  if (!slot) {
    slot = std::make_unique<HistogramFamily>(name, help, std::move(label_names), std::move(buckets));
  }
  return *slot;
}

GaugeFamily& MetricsRegistry::Gauge(const std::string& name, const std::string& help,
                                    std::vector<std::string> label_names) {
  std::lock_guard lock(mu_);
  auto& slot = gauges_[name];
  if (!slot) slot = std::make_unique<GaugeFamily>(name, help, std::move(label_names));
  return *slot;
}

void MetricsRegistry::AddCollector(std::function<void()> collect) {
  std::lock_guard lock(mu_);
  collectors_.push_back(std::move(collect));
}

std::string MetricsRegistry::RenderPrometheus() const {
  std::vector<std::function<void()>> collectors;
  {
    std::lock_guard lock(mu_);
    collectors = collectors_;
  }
  for (const auto& collect : collectors) collect();  // they record into families: outside mu_
  std::string out;
  std::lock_guard lock(mu_);
  for (const auto& [_, f] : counters_) f->Render(out);
  for (const auto& [_, f] : gauges_) f->Render(out);
  for (const auto& [_, f] : histograms_) f->Render(out);
  return out;
}

}  // namespace ucf::observability
