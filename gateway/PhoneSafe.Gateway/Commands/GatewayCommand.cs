namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// A verb the gateway runs instead of the service (<c>PhoneSafe.Gateway &lt;verb&gt; ...</c>). A new verb is one file:
/// a subclass of <see cref="GatewayCommand{TRequest}"/>, listed in <see cref="GatewayCommands"/>.
/// </summary>
public abstract class GatewayCommand
{
    /// <summary>The exit code of a verb that did its work.</summary>
    public const int Success = 0;

    /// <summary>The exit code of a verb that could not do its work (or found a problem it reports).</summary>
    public const int Failure = 1;

    /// <summary>The exit code for arguments that do not fit the verb (its usage line is printed).</summary>
    public const int UsageError = 2;

    /// <summary>Gets the verb, the first command-line argument.</summary>
    public abstract string Verb { get; }

    /// <summary>Gets the usage line printed when the arguments do not fit.</summary>
    public abstract string Usage { get; }

    /// <summary>Gets the verb's options that take no value (with their leading <c>--</c>).</summary>
    public virtual IReadOnlyCollection<string> Switches => [];

    /// <summary>Gets the verb's options that take a value (with their leading <c>--</c>).</summary>
    public virtual IReadOnlyCollection<string> Options => [];

    /// <summary>
    /// Takes a command line of this verb apart.
    /// </summary>
    /// <param name="args">The command line, the verb first.</param>
    /// <returns>The parts.</returns>
    public CommandArguments Parse(IReadOnlyList<string> args) => CommandArguments.Parse(args, Switches, Options);

    /// <summary>
    /// Checks the arguments, brings the database schema up to date, and does the work.
    /// </summary>
    /// <param name="services">The gateway's services (the host is built, not started).</param>
    /// <param name="arguments">The command line taken apart.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The exit code.</returns>
    public abstract Task<int> RunAsync(IServiceProvider services, CommandArguments arguments, CancellationToken cancellationToken);
}
