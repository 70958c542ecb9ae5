using PhoneSafe.Gateway.Enrolment;
using PhoneSafe.Gateway.Import;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Extensions;

/// <summary>
/// Wires the gateway: options, ledger, MQTT (embedded broker or external), ingest pipeline and demo school.
/// </summary>
public static class Extensions
{
    /// <summary>
    /// Registers every gateway service. Hosted services start in the order registered:
    /// database, embedded broker, MQTT client, ledger writer, locker configurations, demo.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="demo">true when started with --demo.</param>
    public static void AddGatewayServices(this IHostApplicationBuilder builder, bool demo)
    {
        IServiceCollection services = builder.Services;
        services.AddOptions<MqttOptions>().BindConfiguration(nameof(MqttOptions));
        services.AddOptions<StorageOptions>().BindConfiguration(nameof(StorageOptions));
        services.AddOptions<LockerConfigOptions>().BindConfiguration(nameof(LockerConfigOptions));
        services.AddOptions<DemoOptions>().BindConfiguration(nameof(DemoOptions)).Configure(o => o.Enabled |= demo);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDatabase, SqliteDatabase>();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<ILedgerStore>(sp => sp.GetRequiredService<LedgerStore>());
        services.AddSingleton<PeopleStore>();
        services.AddSingleton<ISchemaInitializer>(sp => sp.GetRequiredService<LedgerStore>());
        services.AddSingleton<ISchemaInitializer>(sp => sp.GetRequiredService<PeopleStore>());
        services.AddSingleton<LockerRegistryStore>();
        services.AddSingleton<ISchemaInitializer>(sp => sp.GetRequiredService<LockerRegistryStore>());
        services.AddSingleton<PeopleImporter>();
        services.AddSingleton<CardEnrolment>();
        services.AddSingleton<IContactWindows, ConfiguredContactWindows>();
        services.AddSingleton<LockerConfigPublisher>();
        services.AddSingleton<LockerDirectory>();
        services.AddSingleton<ILockerKeys>(sp => sp.GetRequiredService<LockerDirectory>());
        services.AddSingleton<IngestQueue>();
        services.AddSingleton<IngestCounters>();
        services.AddSingleton<MessageVerifier>();
        services.AddSingleton<MqttConnection>();
        services.AddSingleton<ILockerBus>(sp => sp.GetRequiredService<MqttConnection>());

        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<EmbeddedBrokerService>();
        services.AddHostedService<MqttIngestService>();
        services.AddHostedService<LedgerWriterService>();
        services.AddHostedService<LockerConfigService>();
        services.AddHostedService<DemoSchoolService>();
        services.AddHealthChecks();
    }
}
