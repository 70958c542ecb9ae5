using Microsoft.Extensions.Options;

namespace PhoneSafe.Gateway.Options;

/// <summary>
/// Refuses to start the gateway with mail settings that cannot work, naming each problem (never the password).
/// </summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SmtpOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
