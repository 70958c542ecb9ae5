using PhoneSafe.Gateway.Commands;
using PhoneSafe.Gateway.Extensions;

WebApplicationBuilder builder = WebApplication.CreateBuilder(GatewayCommands.ConfigurationArguments(args));
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
