#pragma once
// What a refusal says: the message of the exception `f` throws (logged), or a test
// failure when it throws none; and whether a text holds a part.
#include <boost/test/unit_test.hpp>

#include <exception>
#include <functional>
#include <string>

namespace floodtwin::testing {

inline std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        BOOST_TEST_MESSAGE(e.what());
        return e.what();
    }
    BOOST_FAIL("expected an error");
    return {};
}

inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace floodtwin::testing
