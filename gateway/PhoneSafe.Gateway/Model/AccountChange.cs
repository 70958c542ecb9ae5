namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The outcome of changing an account (disable, enable, delete, role, password).
/// </summary>
public enum AccountChange
{
    /// <summary>Changed; the account's sessions have ended.</summary>
    Done,

    /// <summary>Refused: the new role or password does not meet the rules.</summary>
    Invalid,

    /// <summary>No such account in this school.</summary>
    NotFound,

    /// <summary>Refused: the school would be left without an administrator who can sign in.</summary>
    LastAdministrator,
}
