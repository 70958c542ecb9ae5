namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A new password set by an administrator (for example after a forgotten password).
/// </summary>
/// <param name="Password">At least 12 characters.</param>
public sealed record PasswordResetRequest(string? Password);
