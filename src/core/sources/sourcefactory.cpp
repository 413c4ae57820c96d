#include "sourcefactory.h"
#include "digitaloceansource.h"
#include "localsource.h"
#include "nodeexportersource.h"
#include "prometheussource.h"

std::unique_ptr<Source> SourceFactory::create(const SourceConfig &config, QString *error)
{
    if (config.type == QLatin1String("local"))
        return std::make_unique<LocalSource>(config.name);
    if (config.type == QLatin1String("digitalocean"))
        return std::make_unique<DigitalOceanSource>(config);
    if (config.type == QLatin1String("node_exporter"))
        return std::make_unique<NodeExporterSource>(config);
    if (config.type == QLatin1String("prometheus"))
        return std::make_unique<PrometheusSource>(config);
    *error = QStringLiteral("source '%1': unknown type '%2'; use local, digitalocean, prometheus or node_exporter")
                 .arg(config.name, config.type);
    return nullptr;
}
