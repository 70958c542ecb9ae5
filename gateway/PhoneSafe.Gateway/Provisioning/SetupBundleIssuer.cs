using System.Security.Cryptography;
using System.Text;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Provisioning;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Provisioning;

/// <summary>
/// Issues setup bundles for a batch of lockers: registers each locker (keys, kind, size), seals its settings under a
/// new one-time setup code, records the bundle and writes an audit line. A locker that has already reported to the
/// gateway gets no bundle: it is set up, and a second bundle would be a second copy of its key.
/// </summary>
/// <param name="directory">Creates the keys.</param>
/// <param name="registry">Registers kind and size.</param>
/// <param name="bundles">Remembers what was issued.</param>
/// <param name="users">The audit log.</param>
/// <param name="time">The clock for issue and expiry times.</param>
public sealed class SetupBundleIssuer(LockerDirectory directory, LockerRegistryStore registry, SetupBundleStore bundles, UserStore users, TimeProvider time)
{
    /// <summary>The longest a bundle may stay valid.</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromDays(30);

    /// <summary>
    /// Checks a request and tells what is wrong with it.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>null when it is fine, otherwise a message for the user.</returns>
    public static string? Validate(SetupSheetRequest request)
    {
        if (!Identifiers.IsValid(request.School) || request.Lockers.Count == 0 || request.Lockers.Any(l => !Identifiers.IsValid(l)))
        {
            return "School and locker names are 1 to 32 characters of a-z, 0-9 and '-'.";
        }

        if (request.Lockers.Distinct().Count() != request.Lockers.Count)
        {
            return "A locker is listed twice.";
        }

        if (!LockerKind.IsKnown(request.Kind) || request.Compartments is < 1 or > LockerLimits.MaxCompartments)
        {
            return $"Kind is classroom or office; compartments 1 to {LockerLimits.MaxCompartments}.";
        }

        if (string.IsNullOrWhiteSpace(request.WifiSsid) || string.IsNullOrWhiteSpace(request.BrokerHost) || request.BrokerPort is < 1 or > 65535)
        {
            return "The Wi-Fi network name, the broker host and its port are needed.";
        }

        if (!request.BrokerCaPem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            return "The broker certificate authority must be a PEM certificate (ca.crt).";
        }

        return request.ValidFor <= TimeSpan.Zero || request.ValidFor > MaxValidity ? "Bundles are valid for 1 hour to 30 days." : null;
    }

    /// <summary>
    /// Issues one bundle per locker.
    /// </summary>
    /// <param name="request">The batch.</param>
    /// <param name="issuedBy">The account issuing them.</param>
    /// <param name="remote">Where the request came from, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The bundles with their codes (shown once).</returns>
    /// <exception cref="ArgumentException">The request is not valid, or a locker is in service already.</exception>
    public async Task<IReadOnlyList<IssuedSetupBundle>> IssueAsync(SetupSheetRequest request, string issuedBy, string remote, CancellationToken cancellationToken)
    {
        string? problem = Validate(request);
        foreach (string locker in request.Lockers)
        {
            if (problem is null && await bundles.HasReportedAsync(request.School, locker, cancellationToken))
            {
                problem = $"Locker {locker} is set up and has reported to the gateway; it needs no bundle.";
            }
        }

        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset expires = now + request.ValidFor;
        var issued = new List<IssuedSetupBundle>();
        foreach (string locker in request.Lockers)
        {
            (byte[] deviceKey, byte[] credentialKey) = await directory.ProvisionAsync(request.School, locker, cancellationToken);
            await registry.RegisterAsync(request.School, locker, request.Kind, request.Compartments, cancellationToken);
            string bundleId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            string code = SetupCode.FromRandom(RandomNumberGenerator.GetBytes(SetupCode.Length));
            (string Name, byte[] Value)[] settings =
            [
                (SettingNames.School, Encoding.UTF8.GetBytes(request.School)),
                (SettingNames.Device, Encoding.UTF8.GetBytes(locker)),
                (SettingNames.DeviceKey, deviceKey),
                (SettingNames.CredentialKey, credentialKey),
                (SettingNames.WifiSsid, Encoding.UTF8.GetBytes(request.WifiSsid)),
                (SettingNames.WifiPassword, Encoding.UTF8.GetBytes(request.WifiPassword)),
                (SettingNames.BrokerHost, Encoding.UTF8.GetBytes(request.BrokerHost)),
                (SettingNames.BrokerPort, Encoding.UTF8.GetBytes(request.BrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                (SettingNames.BrokerCa, Encoding.UTF8.GetBytes(request.BrokerCaPem.Trim() + "\n")),
                (SettingNames.Compartments, Encoding.UTF8.GetBytes(request.Compartments.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                (Provisioner.BundleIdEntry, Encoding.UTF8.GetBytes(bundleId)),
                (Provisioner.ExpiresEntry, Encoding.UTF8.GetBytes(IsoTime.Format(expires.UtcDateTime))),
            ];
            string text = SetupBundle.Seal([.. settings.Select(s => s.Name)], [.. settings.Select(s => s.Value)], code, RandomNumberGenerator.GetBytes(SetupBundle.SaltBytes));
            var bundle = new IssuedSetupBundle(locker, bundleId, text, code, expires);
            await bundles.RecordAsync(request.School, bundle, issuedBy, now, cancellationToken);
            await users.AuditAsync(issuedBy, "locker:setup-bundle", AuditExtensions.ScopedDetail(request.School, $"locker={locker}; bundle={bundleId}; expires={expires:O}"), remote, cancellationToken);
            issued.Add(bundle);
        }

        return issued;
    }
}
