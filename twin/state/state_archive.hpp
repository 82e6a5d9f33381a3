#pragma once
// A run's state beyond the 2D solver's, as named numbers, arrays and texts: the driver's
// clock, the gauges, the mass-balance rows, the river network, reservoirs and dispatch.
// Each part writes itself under its own key prefix ("network.", "gauges.") and reads
// itself back; the checkpoint (twin/state/checkpoint.hpp) stores the archive as it is.
// Keys are dotted names; values are stored exactly (raw doubles), never as text.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace floodtwin::twin {

class StateArchive {
public:
    void put(const std::string& key, double value) { numbers[key] = value; }
    void put(const std::string& key, std::vector<double> values) { arrays[key] = std::move(values); }
    void put_text(const std::string& key, std::string text) { texts[key] = std::move(text); }
    // A list of texts under one key (each may hold any characters).
    void put_texts(const std::string& key, const std::vector<std::string>& list);

    // Each throws std::runtime_error "<source>: state lacks '<key>'" when absent, and
    // get_array with `expected` when the array holds another count ("... holds 3
    // values, this run has 4"). `source` names the checkpoint in messages.
    [[nodiscard]] bool has(const std::string& key) const;
    [[nodiscard]] double get_number(const std::string& key) const;
    [[nodiscard]] const std::vector<double>& get_array(const std::string& key) const;
    [[nodiscard]] const std::vector<double>& get_array(const std::string& key, std::size_t expected) const;
    [[nodiscard]] const std::string& get_text(const std::string& key) const;
    [[nodiscard]] std::vector<std::string> get_texts(const std::string& key) const;

    std::string source = "state";
    std::map<std::string, double> numbers;
    std::map<std::string, std::vector<double>> arrays;
    std::map<std::string, std::string> texts;
};

}  // namespace floodtwin::twin
