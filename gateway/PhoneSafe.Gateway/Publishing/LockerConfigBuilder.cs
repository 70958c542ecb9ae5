using System.Security.Cryptography;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Publishing;

/// <summary>
/// Builds a locker's configuration from the school's people, credentials and compartment reservations. Pure: the
/// same inputs give the same configuration and the same <see cref="ContentHash"/>.
/// </summary>
public static class LockerConfigBuilder
{
    /// <summary>
    /// Builds the configuration of one locker unit (version 0; the publisher sets it).
    /// </summary>
    /// <param name="kind">The unit's <see cref="LockerKind"/>.</param>
    /// <param name="compartments">The unit's number of compartments.</param>
    /// <param name="credentials">Every valid credential of the school's active people, with its owner.</param>
    /// <param name="assignments">Person → reserved compartment at this locker.</param>
    /// <param name="windows">The school's contact windows.</param>
    /// <param name="options">Timings.</param>
    /// <param name="utcOffsetMinutes">The school's UTC offset now.</param>
    /// <param name="replaced">Person → a revoked card of theirs that still holds a phone at this locker: their valid
    /// cards get it as <see cref="AllowEntry.Previous"/>, so a replacement card opens that compartment.</param>
    /// <returns>The configuration. Classroom units allow staff (their reserved compartment or 0 = any free one);
    /// the office unit allows office staff (role office) and pupils (role pupil).</returns>
    public static LockerConfig Build(
        string kind,
        int compartments,
        IReadOnlyList<(string Credential, Person Person)> credentials,
        IReadOnlyDictionary<string, int> assignments,
        IReadOnlyList<WeekdayWindow> windows,
        LockerConfigOptions options,
        int utcOffsetMinutes,
        IReadOnlyDictionary<string, string>? replaced = null)
    {
        var config = new LockerConfig
        {
            Version = 0,
            UnlockSeconds = options.UnlockSeconds,
            LeftOpenSeconds = options.LeftOpenSeconds,
            UtcOffsetMinutes = utcOffsetMinutes,
        };
        foreach (WeekdayWindow window in windows.OrderBy(w => w.IsoWeekday).ThenBy(w => w.StartMinute).ThenBy(w => w.EndMinute))
        {
            config.ContactWindows.Add(new ContactWindow { Weekday = window.IsoWeekday, StartMinute = window.StartMinute, EndMinute = window.EndMinute });
        }

        foreach ((string credential, Person person) in credentials.OrderBy(c => c.Credential, StringComparer.Ordinal))
        {
            string? role = kind switch
            {
                LockerKind.Office when person.Kind == PersonKind.Pupil => Roles.Pupil,
                LockerKind.Office when person.Kind == PersonKind.Staff && person.Office => Roles.Office,
                LockerKind.Classroom when person.Kind == PersonKind.Staff => Roles.Staff,
                _ => null,
            };
            if (role is null)
            {
                continue;
            }

            int compartment = role == Roles.Staff && assignments.TryGetValue(person.PersonId, out int assigned) && assigned <= compartments ? assigned : 0;
            string previous = replaced?.GetValueOrDefault(person.PersonId) ?? string.Empty;
            config.Allow.Add(new AllowEntry { Credential = credential, Role = role, Compartment = compartment, Previous = previous });
        }

        return config;
    }

    /// <summary>
    /// Hashes a configuration's content, version excluded, so an unchanged configuration is not published again.
    /// </summary>
    /// <param name="locker">The locker it is for.</param>
    /// <param name="config">The configuration.</param>
    /// <returns>Lower-case hex SHA-256.</returns>
    public static string ContentHash(string locker, LockerConfig config)
    {
        long version = config.Version;
        config.Version = 0;
        byte[] unsigned = ConfigCodec.Encode(locker, config, new byte[32]);
        config.Version = version;
        return Convert.ToHexStringLower(SHA256.HashData(unsigned));
    }
}
