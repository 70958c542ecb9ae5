using PhoneSafe.Gateway.Commands;
using PhoneSafe.Gateway.Extensions;

// A Windows service starts in the system folder: its relative paths (data/...) are under the program's folder instead.
WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = GatewayCommands.ConfigurationArguments(args),
    ContentRootPath = Microsoft.Extensions.Hosting.WindowsServices.WindowsServiceHelpers.IsWindowsService() ? AppContext.BaseDirectory : null,
});
builder.AddGatewayServices(demo: args.Contains(GatewayCommands.DemoSwitch));

WebApplication app = builder.Build();
if (await GatewayCommands.TryRunAsync(app, args))
{
    return;
}

app.MapGateway();
await app.RunAsync();

/// <summary>The gateway entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
