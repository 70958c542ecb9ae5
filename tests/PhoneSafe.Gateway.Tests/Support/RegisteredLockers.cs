using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// Virtual lockers registered through the Lockers API as a school would (so the gateway publishes their configuration
/// and can command them), with clocks synchronised at boot.
/// </summary>
public static class RegisteredLockers
{
    /// <summary>Registers a 4-compartment unit through the Lockers API's handler and returns its keys.</summary>
    public static async Task<RegisteredLocker> RegisterAsync(GatewayHost gateway, string school, string locker, string kind)
    {
        IServiceProvider services = gateway.Services;
        var result = await LockersApi.RegisterLockerAsync(
            school, new RegisterLockerRequest(locker, kind, 4), services.GetRequiredService<LockerRegistrations>(), new DefaultHttpContext { RequestAborted = TestContext.Current.CancellationToken });
        return Assert.IsType<Created<RegisteredLocker>>(result.Result).Value!;
    }

    /// <summary>Registers a unit, boots it as a virtual locker and waits until it is online with its first configuration.</summary>
    public static async Task<LockerFleet> StartAsync(GatewayHost gateway, string school, string locker, string kind)
    {
        RegisteredLocker keys = await RegisterAsync(gateway, school, locker, kind);
        var settings = new LockerSettings
        {
            School = school, Device = locker, DeviceKey = Convert.FromHexString(keys.DeviceKey), CredentialKey = Convert.FromHexString(keys.CredentialKey),
        };
        var fleet = new LockerFleet("127.0.0.1", gateway.BrokerPort, [(settings, 4)], VirtualLocker.DefaultJournalBytes);
        fleet.Boot(DateTime.UtcNow);
        Assert.True(
            fleet.RunUntil(() => fleet.Lockers[0].Controller.Config.Version >= 1 && fleet.Lockers[0].Controller.Uplink.IsOnline, TimeSpan.FromSeconds(20)),
            "the locker did not get its configuration");
        return fleet;
    }
}
