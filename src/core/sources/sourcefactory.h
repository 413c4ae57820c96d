#pragma once

#include "config/config.h"
#include "source.h"

#include <memory>

// Builds the Source for a validated [source.NAME] section.
class SourceFactory final
{
public:
    // nullptr with *error set for a type this build does not know (config validation normally catches it).
    static std::unique_ptr<Source> create(const SourceConfig &config, QString *error);
};
