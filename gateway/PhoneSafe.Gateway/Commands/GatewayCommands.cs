namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// The command-line verbs that run instead of the service, and the switches the service understands. Each verb is
/// one <see cref="GatewayCommand"/> file in this folder; add a new one to <see cref="All"/>.
/// </summary>
public static class GatewayCommands
{
    /// <summary>The switch that starts the demonstration school.</summary>
    public const string DemoSwitch = "--demo";

    /// <summary>Gets every verb.</summary>
    public static IReadOnlyList<GatewayCommand> All { get; } =
    [
        new ProvisionLockerCommand(),
        new SetupSheetCommand(),
        new VerifyLedgerCommand(),
        new PurgeCommand(),
        new ExportPersonCommand(),
        new ExportSimulationCommand(),
        new MosquittoConfigCommand(),
        new RevokeLockerCommand(),
        new BackupCommand(),
    ];

    /// <summary>
    /// Gets the arguments the configuration reader sees: for the service every argument but <see cref="DemoSwitch"/>;
    /// for a verb only the options it does not declare (<c>--Section:Key value</c>), so that its own options and
    /// positional arguments (a file path such as /tmp/x.json would read as a "/key value" switch) stay out.
    /// </summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The configuration arguments.</returns>
    public static string[] ConfigurationArguments(string[] args)
    {
        if (args.Any(IsHelpSwitch))
        {
            return [];
        }

        GatewayCommand? command = Find(args);
        return command is null ? [.. args.Where(a => a != DemoSwitch)] : [.. command.Parse(args).Configuration];
    }

    /// <summary>
    /// Runs a verb instead of the service when the first argument names one, and sets the process exit code.
    /// </summary>
    /// <param name="app">The built application (not started).</param>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>true when a verb ran (the caller then exits).</returns>
    public static async Task<bool> TryRunAsync(IHost app, string[] args)
    {
        if (TryWriteHelp(args, Console.Out))
        {
            Environment.ExitCode = GatewayCommand.Success;
            return true;
        }

        if (Find(args) is null)
        {
            return false;
        }

        Environment.ExitCode = await RunAsync(app.Services, args);
        return true;
    }

    /// <summary>
    /// Runs the verb named by the first argument.
    /// </summary>
    /// <param name="services">The gateway's services (the host is built, not started).</param>
    /// <param name="args">Command-line arguments, the verb first.</param>
    /// <returns>The exit code: 0 done, 1 failed, 2 bad arguments.</returns>
    public static Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        GatewayCommand command = Find(args) ?? throw new ArgumentException($"no verb '{args.FirstOrDefault()}'", nameof(args));
        return command.RunAsync(services, command.Parse(args), CancellationToken.None);
    }

    /// <summary>
    /// Writes the usage when the command line asks for it (<c>--help</c> or <c>-h</c> anywhere): the verb's when the
    /// first argument names one, else the service's and every verb's.
    /// </summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="output">Where the usage goes.</param>
    /// <returns>true when help was asked for (and written).</returns>
    public static bool TryWriteHelp(string[] args, TextWriter output)
    {
        if (!args.Any(IsHelpSwitch))
        {
            return false;
        }

        if (Find(args) is GatewayCommand command)
        {
            output.WriteLine(command.Usage);
            return true;
        }

        output.WriteLine($"usage: PhoneSafe.Gateway [{DemoSwitch}] [--Section:Key value]...   runs the service ({DemoSwitch}: with a simulated demonstration school; settings as in appsettings.json)");
        output.WriteLine("       PhoneSafe.Gateway <verb> [arguments]   runs one task and exits; <verb> --help shows its usage");
        output.WriteLine("verbs:");
        foreach (GatewayCommand verb in All)
        {
            output.WriteLine("  " + verb.Usage.Replace("usage: ", string.Empty, StringComparison.Ordinal));
        }

        return true;
    }

    private static bool IsHelpSwitch(string argument) => argument is "--help" or "-h";

    private static GatewayCommand? Find(string[] args) => args.Length == 0 ? null : All.FirstOrDefault(c => c.Verb == args[0]);
}
