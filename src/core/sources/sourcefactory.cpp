#include "sourcefactory.h"
#include "localsource.h"

std::unique_ptr<Source> SourceFactory::create(const SourceConfig &config, QString *error)
{
    if (config.type == QLatin1String("local"))
        return std::make_unique<LocalSource>(config.name);
    *error = QStringLiteral("source '%1': the %2 connector is not part of this build yet; disable the source "
                            "(enabled=false) or use a newer OpsDeck")
                 .arg(config.name, config.type);
    return nullptr;
}
