using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// The real gateway (WebApplicationFactory over Program) with a temporary SQLite file (or a given PostgreSQL
/// database) and either its embedded broker on a free port or an external broker, optionally as one instance of a
/// shared-subscription group.
/// </summary>
public sealed class GatewayHost : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("phonesafe-gateway-").FullName;
    private readonly bool _embedded;
    private readonly string? _postgreSql;
    private readonly string? _sharedGroup;
    private readonly string? _databasePath;

    public GatewayHost(int? externalBrokerPort = null, string? postgreSqlConnectionString = null, string? sharedSubscriptionGroup = null, bool realHttpServer = false, string? databasePath = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        _databasePath = databasePath;
        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            Settings[key] = value;
        }

        _embedded = externalBrokerPort is null;
        BrokerPort = externalBrokerPort ?? FreePort.Next();
        _postgreSql = postgreSqlConnectionString;
        _sharedGroup = sharedSubscriptionGroup;
        if (realHttpServer)
        {
            // A browser needs a real socket; "localhost" keeps the Secure session cookie usable over http.
            int port = FreePort.Next();
            BaseUrl = $"http://localhost:{port}";
            UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        }
    }

    /// <summary>Gets the address a browser opens (real HTTP server only).</summary>
    public string BaseUrl { get; } = "https://localhost";

    public int BrokerPort { get; }

    /// <summary>Gets the SQLite file: the one given, or ledger.db in a temporary folder deleted on dispose.</summary>
    public string DatabasePath => _databasePath ?? Path.Combine(_directory, "ledger.db");

    /// <summary>Gets or sets a change to the gateway's services before it starts (fault injection).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Gets extra configuration a test sets before the gateway starts (key, value).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public ILedgerStore Store => Services.GetRequiredService<ILedgerStore>();

    public IngestCounters Counters => Services.GetRequiredService<IngestCounters>();

    /// <summary>Reads /api/ledger/verify as SLT of the school.</summary>
    public async Task<LedgerVerification> VerifyLedgerAsync(string school)
    {
        using HttpClient client = await SignInAsync(UserRoles.Slt, school);
        return (await client.GetFromJsonAsync<LedgerVerification>("/api/ledger/verify", TestContext.Current.CancellationToken))!;
    }

    /// <summary>Starts the gateway and waits until it is connected to the broker.</summary>
    public async Task StartAsync()
    {
        StartServer();
        var bus = Services.GetRequiredService<ILockerBus>();
        for (int i = 0; i < 200 && !bus.IsConnected; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(bus.IsConnected, "gateway did not connect to the broker");
    }

    /// <summary>Registers a locker and returns the settings to load into it.</summary>
    public async Task<LockerSettings> ProvisionAsync(string school, string locker)
    {
        (byte[] deviceKey, byte[] credentialKey) = await Services.GetRequiredService<LockerDirectory>().ProvisionAsync(school, locker, TestContext.Current.CancellationToken);
        return new LockerSettings { School = school, Device = locker, DeviceKey = deviceKey, CredentialKey = credentialKey };
    }

    /// <summary>Reads /api/custody as an administrator of the school.</summary>
    public async Task<IReadOnlyList<CustodyItem>> GetCustodyAsync(string school)
    {
        using HttpClient client = await SignInAsync(UserRoles.Admin, school);
        return (await client.GetFromJsonAsync<List<CustodyItem>>("/api/custody", TestContext.Current.CancellationToken))!;
    }

    /// <summary>Creates an account and returns a client signed in with it through the real sign-in page.</summary>
    public async Task<HttpClient> SignInAsync(string role, string school, string? personId = null)
    {
        string userName = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        string? error = await Services.GetRequiredService<AccountService>().CreateAsync(
            new GatewayUser(0, userName, role + " user", role, school, personId), TestPassword, TestContext.Current.CancellationToken);
        Assert.Null(error);
        HttpClient client = CreateHttpsClient();
        using HttpResponseMessage response = await PostSignInAsync(client, userName, TestPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A password that satisfies the account policy.</summary>
    public const string TestPassword = "correct horse battery staple";

    /// <summary>A client on https://localhost (the session cookie is Secure) that does not follow redirects.</summary>
    public HttpClient CreateHttpsClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    /// <summary>Posts the sign-in form with its antiforgery token, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password, string? antiforgeryToken = null)
    {
        string token = antiforgeryToken ?? await AntiforgeryTokenAsync(client, "/login");
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
    }

    /// <summary>Reads the antiforgery token from a page's form.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        string html = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        System.Text.RegularExpressions.Match match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(match.Success, "no antiforgery token on " + path);
        return match.Groups[1].Value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("MqttOptions:Embedded", _embedded.ToString());
        builder.UseSetting("MqttOptions:Port", BrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("MqttOptions:ClientId", "gateway-" + Path.GetFileName(_directory));
        builder.UseSetting("MqttOptions:ReconnectSeconds", "1");

        // The embedded broker's TLS listener (a new certificate authority per test) only where a test asks for it;
        // every simulated locker connects from this machine.
        builder.UseSetting("EmbeddedBrokerOptions:TlsPort", "0");
        builder.UseSetting("EmbeddedBrokerOptions:CertificateDirectory", Path.Combine(_directory, "broker"));
        builder.UseSetting("EmbeddedBrokerOptions:MaxConnectionsPerAddress", "0");
        builder.UseSetting("StorageOptions:DatabasePath", DatabasePath);
        if (_postgreSql is not null)
        {
            builder.UseSetting("StorageOptions:Provider", "PostgreSql");
            builder.UseSetting("StorageOptions:ConnectionString", _postgreSql);
        }

        if (_sharedGroup is not null)
        {
            builder.UseSetting("MqttOptions:SharedSubscriptionGroup", _sharedGroup);
        }
        builder.UseSetting("PolicyOptions:EvaluateSeconds", "1");
        foreach ((string key, string value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (ConfigureServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }
}
