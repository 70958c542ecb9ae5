using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Enrolment;
using PhoneSafe.Gateway.Health;
using PhoneSafe.Gateway.Import;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Provisioning;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Extensions;

/// <summary>
/// Wires the gateway: options, stores, MQTT (embedded broker or external), ingest pipeline, sign-in, dashboard and demo.
/// </summary>
public static class Extensions
{
    /// <summary>The rate-limit policy on the sign-in and first-run pages.</summary>
    public const string SignInRateLimit = "sign-in";

    /// <summary>
    /// Registers every gateway service. Hosted services start in the order registered:
    /// database, embedded broker, MQTT client, ledger writer, policy, locker configurations, first-run setup,
    /// retention, demo.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="demo">true when started with --demo.</param>
    public static void AddGatewayServices(this IHostApplicationBuilder builder, bool demo)
    {
        IServiceCollection services = builder.Services;

        // Under the Windows service manager or systemd (Type=notify) the gateway reports its start and stop to it;
        // run any other way, these do nothing.
        services.AddWindowsService(o => o.ServiceName = "PhoneSafe Gateway");
        services.AddSystemd();
        // With the embedded broker the gateway logs in with an account made at each start, known to this process only.
        string embeddedGatewayPassword = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        services.AddOptions<MqttOptions>().BindConfiguration(nameof(MqttOptions)).PostConfigure(o =>
        {
            if (o.Embedded)
            {
                o.Username = Broker.MosquittoSetupOptions.GatewayUser;
                o.Password = embeddedGatewayPassword;
            }
        });

        Microsoft.Extensions.Options.OptionsBuilder<EmbeddedBrokerOptions> broker = services.AddOptions<EmbeddedBrokerOptions>().BindConfiguration(nameof(EmbeddedBrokerOptions));
        if (demo)
        {
            // The demo's simulated lockers all connect from this machine.
            broker.Configure(o => o.MaxConnectionsPerAddress = 0);
        }
        services.AddOptions<StorageOptions>().BindConfiguration(nameof(StorageOptions)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestOptions>().BindConfiguration(nameof(IngestOptions))
            .Validate(o => o.QueueCapacityBytes >= IngestOptions.MinimumQueueCapacityBytes, $"IngestOptions:QueueCapacityBytes must be at least {IngestOptions.MinimumQueueCapacityBytes} bytes.")
            .ValidateOnStart();
        services.AddOptions<PolicyOptions>().BindConfiguration(nameof(PolicyOptions)).ValidateDataAnnotations()
            .Validate(o => o.NotCollectedAfterMinutes is >= 0 and <= 1440, "PolicyOptions:NotCollectedAfterMinutes must be 0 to 1440.")
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<FlagExpiryOptions>, FlagExpiryOptionsValidator>();
        services.AddOptions<FlagExpiryOptions>().BindConfiguration(nameof(FlagExpiryOptions)).ValidateOnStart();
        services.AddOptions<LockerConfigOptions>().BindConfiguration(nameof(LockerConfigOptions));
        services.AddOptions<LockerCommandOptions>().BindConfiguration(nameof(LockerCommandOptions)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(nameof(RetentionOptions));
        services.AddOptions<DemoOptions>().BindConfiguration(nameof(DemoOptions)).Configure(o => o.Enabled |= demo);
        services.AddOptions<SmtpOptions>().BindConfiguration(nameof(SmtpOptions)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();

        if (demo || builder.Configuration.GetValue<bool>("DemoOptions:Enabled"))
        {
            var clock = new DemoClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById(CalendarDefinition.DefaultTimeZoneId));
            services.AddSingleton(clock);
            services.AddSingleton<TimeProvider>(clock);

            // The policy runs on the virtual lockers' time (see DemoClock).
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PolicyEngine>(sp, sp.GetRequiredService<DemoClock>().Played));
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        string provider = builder.Configuration["StorageOptions:Provider"] ?? "Sqlite";
        if (string.Equals(provider, "PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IDatabase, PostgreSqlDatabase>();
        }
        else if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IDatabase, SqliteDatabase>();
        }
        else
        {
            throw new InvalidOperationException($"StorageOptions:Provider must be Sqlite or PostgreSql, not '{provider}'.");
        }

        string keyDirectory = AddKeyRing(builder);
        services.AddSingleton<KeyProtection>();
        services.AddSingleton(sp => new CheckpointSigner(sp.GetRequiredService<IDataProtectionProvider>(), keyDirectory));
        services.AddSingleton<DatabaseSchema>();
        services.AddSingleton<LedgerVerifier>();
        AddStore<LedgerStore>(services);
        services.AddSingleton<ILedgerStore>(sp => sp.GetRequiredService<LedgerStore>());
        AddStore<PeopleStore>(services);
        AddStore<UserStore>(services);
        AddStore<CalendarStore>(services);
        AddStore<ExceptionStore>(services);
        AddStore<FlagStore>(services);
        AddStore<DashboardStore>(services);
        services.TryAddSingleton<PolicyEngine>();
        AddStore<LockerRegistryStore>(services);
        AddStore<SetupBundleStore>(services);
        services.AddSingleton<SetupBundleIssuer>();
        AddStore<RetentionStore>(services);
        AddStore<DailyFiguresStore>(services);
        services.AddSingleton<DailyFiguresRecorder>();
        AddStore<LockerCommandStore>(services);
        services.AddSingleton<LockerCommands>();
        services.AddSingleton<Reconciliations>();
        services.AddSingleton<FlagReviews>();
        services.AddSingleton<CalendarEdits>();
        services.AddSingleton<TimetableImports>();
        AddStore<NoticeStore>(services);
        AddStore<ConfiscationStore>(services);
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<ParentNotices>();
        services.AddSingleton<Confiscations>();
        AddStore<FlagAccountStore>(services);
        services.AddSingleton<FlagAccounts>();
        AddStore<FirmwareStore>(services);
        services.AddSingleton<FirmwareRollouts>();
        services.AddSingleton<CardCredentials>();
        services.AddSingleton<CompartmentAssignments>();
        services.AddSingleton<PeopleImports>();
        services.AddSingleton<LockerRegistrations>();
        services.AddSingleton<CustodySessionStore>();
        services.AddSingleton<SubjectAccessStore>();
        services.AddSingleton<PeopleImporter>();
        services.AddSingleton<CardEnrolment>();
        services.AddSingleton<SimulatedSchoolSetup>();
        services.AddSingleton<ConfiguredContactWindows>();
        services.AddSingleton<IContactWindows, SchoolCalendarContactWindows>();
        services.AddSingleton<LockerConfigPublisher>();
        services.AddSingleton<LockerDirectory>();
        services.AddSingleton<ILockerKeys>(sp => sp.GetRequiredService<LockerDirectory>());
        services.AddSingleton<IngestQueue>();
        services.AddSingleton<IngestCounters>();
        services.AddSingleton<IngestRateLimiter>();
        services.AddSingleton<IngestIntake>();
        services.AddSingleton<LedgerWriterStatus>();
        services.AddSingleton<MessageVerifier>();
        services.AddSingleton<MqttConnection>();
        services.AddSingleton<ILockerBus>(sp => sp.GetRequiredService<MqttConnection>());
        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<FirstRunSetup>();

        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<EmbeddedBrokerService>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBrokerService>());
        services.AddHostedService<MqttIngestService>();
        services.AddHostedService<LedgerWriterService>();
        services.AddHostedService<PolicyService>();
        services.AddHostedService<LockerConfigService>();
        services.AddHostedService(sp => sp.GetRequiredService<FirstRunSetup>());
        services.AddHostedService<DailyFiguresService>();
        services.AddHostedService<RetentionService>();
        services.AddHostedService<CommandExpiryService>();
        services.AddHostedService<RevocationService>();
        services.AddHostedService<NoticeDeliveryService>();
        services.AddHostedService<DemoSchoolService>();

        AddDashboard(services, builder.Configuration);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<MqttHealthCheck>("mqtt")
            .AddCheck<LedgerQueueHealthCheck>("ledger-queue")
            .AddCheck<LedgerWriterHealthCheck>("ledger-writer");
        services.AddOpenApi();
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
    }

    /// <summary>
    /// Sets up the request pipeline and maps every endpoint and page.
    /// </summary>
    /// <param name="app">The application.</param>
    public static void MapGateway(this WebApplication app)
    {
        // Forwarded headers are believed only from configured proxies (with none listed, ASP.NET Core would believe anyone).
        ReverseProxyOptions proxy = app.Configuration.GetSection(nameof(ReverseProxyOptions)).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();
        if (proxy.KnownProxies.Length > 0)
        {
            app.UseForwardedHeaders(proxy.ToForwardedHeadersOptions());
        }

        if (!app.Environment.IsDevelopment())
        {
            // Browsers then refuse plain HTTP to this host for a year (not sent to localhost or over HTTP).
            app.UseHsts();
        }

        app.UseStaticFiles();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<CrossSiteRequestCheck>();
        app.UseMiddleware<ApiAudit>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapGatewayApis();
        app.MapAccountsApi();
        app.MapCalendarApi();
        app.MapExceptionsApi();
        app.MapParentNoticesApi();
        app.MapFlagsApi();
        app.MapPeopleApi();
        app.MapLockersApi();
        app.MapCommandsApi();
        app.MapReconciliationsApi();
        app.MapFirmwareApi();
        app.MapLiveApi();
        app.MapRecordsApi();

        // The API description lists every endpoint and its parameters: for the IT technician (Admin), not the public.
        app.MapOpenApi().RequireAuthorization(Policies.Administration);
        app.MapRazorPages();
    }

    // The Data Protection key ring (stored keys and cookies) in a directory outside the database, readable only by
    // the service account.
    private static string AddKeyRing(IHostApplicationBuilder builder)
    {
        StorageOptions storage = builder.Configuration.GetSection(nameof(StorageOptions)).Get<StorageOptions>() ?? new StorageOptions();
        string directory = Path.GetFullPath(
            storage.KeyDirectory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.DatabasePath, builder.Environment.ContentRootPath))!, "keys"),
            builder.Environment.ContentRootPath);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        builder.Services.AddDataProtection().SetApplicationName("PhoneSafe").PersistKeysToFileSystem(new DirectoryInfo(directory));
        return directory;
    }

    private static void AddStore<TStore>(IServiceCollection services)
        where TStore : class, ISchemaInitializer
    {
        services.AddSingleton<TStore>();
        services.AddSingleton<ISchemaInitializer>(sp => sp.GetRequiredService<TStore>());
    }

    private static void AddDashboard(IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages();
        services.AddOptions<SingleSignOnOptions>().BindConfiguration(nameof(SingleSignOnOptions));
        SingleSignOnOptions singleSignOn = configuration.GetSection(nameof(SingleSignOnOptions)).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        AuthenticationBuilder authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.LoginPath = "/login";
            options.AccessDeniedPath = "/denied";
            options.Cookie.Name = "phonesafe";
            options.Cookie.HttpOnly = true;
            // Strict unless single sign-on is on: the identity provider's redirect back is cross-site, and a Strict
            // cookie set there would not be sent on the next page. Forms keep their antiforgery tokens either way.
            options.Cookie.SameSite = singleSignOn.Enabled ? SameSiteMode.Lax : SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;

            // Disabled, deleted or changed accounts and sessions past their absolute lifetime end on the next request.
            options.Events.OnValidatePrincipal = SessionValidation.ValidatePrincipalAsync;

            // API callers get status codes, not redirects to the sign-in page.
            options.Events.OnRedirectToLogin = context => RejectApiOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RejectApiOrRedirect(context, StatusCodes.Status403Forbidden);
        });
        if (singleSignOn.Enabled)
        {
            authentication.AddOpenIdConnect(SingleSignOn.Scheme, options => SingleSignOn.Configure(options, singleSignOn));
        }

        services.AddAuthorization(Policies.Add);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "phonesafe-af";

            // Secure whenever the request is HTTPS (as any install beyond localhost must be); antiforgery refuses to
            // issue an always-Secure cookie over plain HTTP, which would break the localhost demo.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    private static Task RejectApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/live"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
