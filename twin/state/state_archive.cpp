#include "twin/state/state_archive.hpp"

#include <stdexcept>

namespace floodtwin::twin {

namespace {

template <class Map>
const typename Map::mapped_type& entry(const Map& map, const std::string& key, const std::string& source) {
    const auto it = map.find(key);
    if (it == map.end()) throw std::runtime_error(source + ": state lacks '" + key + "'");
    return it->second;
}

}  // namespace

// Each text as its length in decimal, a colon, then its bytes: any byte may occur.
void StateArchive::put_texts(const std::string& key, const std::vector<std::string>& list) {
    std::string joined;
    for (const std::string& t : list) joined.append(std::to_string(t.size())).append(":").append(t);
    texts[key] = std::move(joined);
}

bool StateArchive::has(const std::string& key) const {
    return numbers.count(key) != 0 || arrays.count(key) != 0 || texts.count(key) != 0;
}

double StateArchive::get_number(const std::string& key) const { return entry(numbers, key, source); }

const std::vector<double>& StateArchive::get_array(const std::string& key) const { return entry(arrays, key, source); }

const std::vector<double>& StateArchive::get_array(const std::string& key, std::size_t expected) const {
    const std::vector<double>& v = get_array(key);
    if (v.size() != expected)
        throw std::runtime_error(source + ": state '" + key + "' holds " + std::to_string(v.size()) +
                                 " values, this run has " + std::to_string(expected));
    return v;
}

const std::string& StateArchive::get_text(const std::string& key) const { return entry(texts, key, source); }

std::vector<std::string> StateArchive::get_texts(const std::string& key) const {
    const std::string& joined = get_text(key);
    std::vector<std::string> list;
    for (std::size_t at = 0; at < joined.size();) {
        const std::size_t colon = joined.find(':', at);
        std::size_t length = 0;
        bool ok = colon != std::string::npos && colon > at;
        for (std::size_t i = at; ok && i < colon; ++i) {
            ok = joined[i] >= '0' && joined[i] <= '9' && length < joined.size();
            length = length * 10 + static_cast<std::size_t>(joined[i] - '0');
        }
        if (!ok || length > joined.size() - colon - 1)
            throw std::runtime_error(source + ": state '" + key + "' is not a list of texts");
        list.push_back(joined.substr(colon + 1, length));
        at = colon + 1 + length;
    }
    return list;
}

}  // namespace floodtwin::twin
