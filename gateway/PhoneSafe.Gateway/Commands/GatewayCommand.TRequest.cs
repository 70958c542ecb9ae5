using System.Diagnostics.CodeAnalysis;
using PhoneSafe.Gateway.Infrastructure.Database;

namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// A verb whose arguments are read into a request first: arguments that do not fit print the usage line before
/// anything touches the database; then the schema is brought up to date once, the same way for every verb.
/// </summary>
/// <typeparam name="TRequest">What the verb was asked to do.</typeparam>
public abstract class GatewayCommand<TRequest> : GatewayCommand
    where TRequest : notnull
{
    /// <inheritdoc/>
    public sealed override async Task<int> RunAsync(IServiceProvider services, CommandArguments arguments, CancellationToken cancellationToken)
    {
        if (!TryRead(arguments, out TRequest? request))
        {
            await Console.Error.WriteLineAsync(Usage);
            return UsageError;
        }

        await services.GetRequiredService<DatabaseSchema>().InitializeAsync(cancellationToken);
        return await ExecuteAsync(services, request, cancellationToken);
    }

    /// <summary>
    /// Reads the verb's request from its arguments.
    /// </summary>
    /// <param name="arguments">The command line taken apart.</param>
    /// <param name="request">The request, when the arguments fit.</param>
    /// <returns>false when they do not (the usage line is printed, exit code 2).</returns>
    protected abstract bool TryRead(CommandArguments arguments, [NotNullWhen(true)] out TRequest? request);

    /// <summary>
    /// Does the work; the schema is up to date.
    /// </summary>
    /// <param name="services">The gateway's services.</param>
    /// <param name="request">What the verb was asked to do.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The exit code.</returns>
    protected abstract Task<int> ExecuteAsync(IServiceProvider services, TRequest request, CancellationToken cancellationToken);
}
