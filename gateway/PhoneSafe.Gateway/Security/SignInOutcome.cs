namespace PhoneSafe.Gateway.Security;

/// <summary>
/// The result of checking a user name and password.
/// </summary>
public enum SignInOutcome
{
    /// <summary>Correct; the account is not locked.</summary>
    Success,

    /// <summary>Unknown user or wrong password (deliberately not told apart).</summary>
    Invalid,

    /// <summary>Too many failed attempts; the account is locked for a while.</summary>
    LockedOut,
}
