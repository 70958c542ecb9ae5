using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Registers locker units and gives them new device keys, the one way the Lockers and Locker pages and the API do
/// it: checks the unit, makes its keys (shown once), records it, audits it and publishes its configuration.
/// </summary>
/// <param name="directory">Makes and replaces keys.</param>
/// <param name="registry">Registered units.</param>
/// <param name="publisher">Publishes configurations.</param>
/// <param name="users">Audit log.</param>
public sealed class LockerRegistrations(LockerDirectory directory, LockerRegistryStore registry, LockerConfigPublisher publisher, UserStore users)
{
    /// <summary>
    /// Registers a classroom or office unit.
    /// </summary>
    /// <param name="http">The request (who, for the audit line).</param>
    /// <param name="school">School identifier.</param>
    /// <param name="request">Locker, kind (classroom when absent) and compartments (1 to <see cref="LockerLimits.MaxCompartments"/>).</param>
    /// <returns>The unit with its keys; invalid; refused when it is registered already (its keys are never shown again).</returns>
    public async Task<Outcome<RegisteredLocker>> RegisterAsync(HttpContext http, string school, RegisterLockerRequest request)
    {
        CancellationToken cancellationToken = http.RequestAborted;
        string kind = request.Kind ?? LockerKind.Classroom;
        if (new Validation().School(school).Locker(request.Locker) is { IsValid: false } invalid)
        {
            return Outcome<RegisteredLocker>.Invalid(invalid);
        }

        if (!LockerKind.IsKnown(kind))
        {
            return Outcome<RegisteredLocker>.Invalid("kind", "must be classroom or office");
        }

        if (request.Compartments is not { } compartments || compartments < 1 || compartments > LockerLimits.MaxCompartments)
        {
            return Outcome<RegisteredLocker>.Invalid("compartments", $"must be 1 to {LockerLimits.MaxCompartments} (one controller drives at most {LockerLimits.MaxCompartments})");
        }

        string locker = request.Locker!;
        if (await registry.IsProvisionedAsync(school, locker, cancellationToken) || !await registry.RegisterAsync(school, locker, kind, compartments, cancellationToken))
        {
            return Outcome<RegisteredLocker>.Refused($"locker {locker} is registered already; its keys are shown only when it is registered");
        }

        (byte[] deviceKey, byte[] credentialKey) = await directory.ProvisionAsync(school, locker, cancellationToken);
        await http.AuditAsync(users, "locker:registered", $"locker={locker}; kind={kind}");
        publisher.RequestPublish(school);
        return Outcome<RegisteredLocker>.Ok(new RegisteredLocker(school, locker, kind, compartments, Hex.Encode(deviceKey), Hex.Encode(credentialKey)));
    }

    /// <summary>
    /// Gives a locker a new device key (lost or replaced controller, suspected leak) and republishes its configuration
    /// under it; messages signed with the old key are refused from then on.
    /// </summary>
    /// <param name="http">The request (who, for the audit line).</param>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <returns>The new keys (shown once); invalid; not found when the locker has no key.</returns>
    public async Task<Outcome<RegisteredLocker>> RotateKeyAsync(HttpContext http, string school, string locker)
    {
        CancellationToken cancellationToken = http.RequestAborted;
        if (new Validation().School(school).Locker(locker) is { IsValid: false } invalid)
        {
            return Outcome<RegisteredLocker>.Invalid(invalid);
        }

        if (await directory.RotateAsync(school, locker, cancellationToken) is not { } keys)
        {
            return Outcome<RegisteredLocker>.NotFound($"no locker {locker}");
        }

        await http.AuditAsync(users, "locker:key-rotated", $"locker={locker}");

        // The content hash on record no longer matches, so the next publication is a new version signed with the new key.
        if (await registry.GetPublishedAsync(school, locker, cancellationToken) is { } published)
        {
            await registry.RecordPublishedAsync(school, locker, published.Version, "key-rotated", cancellationToken);
        }

        publisher.RequestPublish(school);
        (string Locker, string Kind, int Compartments) unit = (await registry.ListUnitsAsync(school, cancellationToken)).FirstOrDefault(u => u.Locker == locker);
        return Outcome<RegisteredLocker>.Ok(new RegisteredLocker(school, locker, unit.Kind ?? string.Empty, unit.Compartments, Hex.Encode(keys.DeviceKey), Hex.Encode(keys.CredentialKey)));
    }
}
