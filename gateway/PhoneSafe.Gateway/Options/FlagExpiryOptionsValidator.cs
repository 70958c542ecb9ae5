using Microsoft.Extensions.Options;

namespace PhoneSafe.Gateway.Options;

/// <summary>
/// Refuses <see cref="FlagExpiryOptions"/> with a rule for an unknown kind or days out of range, naming each.
/// </summary>
public sealed class FlagExpiryOptionsValidator : IValidateOptions<FlagExpiryOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, FlagExpiryOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
