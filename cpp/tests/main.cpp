// The one translation unit that defines the Boost.Test module (header-only Boost.Test).
#define BOOST_TEST_MODULE mrrc_core
#include <boost/test/included/unit_test.hpp>
