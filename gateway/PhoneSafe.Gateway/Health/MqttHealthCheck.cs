using Microsoft.Extensions.Diagnostics.HealthChecks;
using PhoneSafe.Gateway.Infrastructure;

namespace PhoneSafe.Gateway.Health;

/// <summary>
/// Degraded (not unhealthy) while the gateway is not connected to the broker: lockers keep their events and resend
/// them, so nothing is lost, but nothing new is recorded either.
/// </summary>
/// <param name="bus">The broker connection.</param>
public sealed class MqttHealthCheck(ILockerBus bus) : IHealthCheck
{
    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(bus.IsConnected ? HealthCheckResult.Healthy("connected") : HealthCheckResult.Degraded("not connected to the broker; lockers hold their events"));
}
