using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Import;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Checks of route values shared by the people and lockers endpoints; each returns the 400 message or null.
/// </summary>
public static class ApiValidation
{
    /// <summary>Checks a school identifier.</summary>
    /// <param name="school">The value.</param>
    /// <returns>The problem, or null when valid.</returns>
    public static string? School(string school) =>
        Identifiers.IsValid(school) ? null : "school must be 1 to 32 characters of a-z, 0-9 and '-'";

    /// <summary>Checks a locker identifier.</summary>
    /// <param name="locker">The value.</param>
    /// <returns>The problem, or null when valid.</returns>
    public static string? Locker(string? locker) =>
        Identifiers.IsValid(locker) ? null : "locker must be 1 to 32 characters of a-z, 0-9 and '-'";

    /// <summary>Checks a person identifier.</summary>
    /// <param name="personId">The value.</param>
    /// <returns>The problem, or null when valid.</returns>
    public static string? PersonId(string? personId) =>
        PeopleImporter.IsValidPersonId(personId) ? null : $"personId must be 1 to {PeopleImporter.MaxIdLength} letters, digits, '-', '_' or '.'";

    /// <summary>Checks a credential hash.</summary>
    /// <param name="credential">The value.</param>
    /// <returns>The problem, or null when valid.</returns>
    public static string? Credential(string credential) =>
        Hex.IsLowerHex(credential, CredentialHash.Length) ? null : $"credential must be {CredentialHash.Length} lower-case hex characters";
}
