namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// A verb's command line taken apart by the one parser every verb uses. After the verb come positional arguments,
/// the verb's own switches (<c>--dry-run</c>) and options (<c>--out dir</c> or <c>--out=dir</c>), and configuration
/// keys for the host (<c>--StorageOptions:DatabasePath x</c>), which are passed to the configuration reader and
/// never read by the verb.
/// </summary>
public sealed class CommandArguments
{
    private readonly HashSet<string> _switches;
    private readonly Dictionary<string, List<string>> _options;

    private CommandArguments(string verb, List<string> positional, HashSet<string> switches, Dictionary<string, List<string>> options, List<string> configuration, List<string> unknown)
    {
        Verb = verb;
        Positional = positional;
        _switches = switches;
        _options = options;
        Configuration = configuration;
        Unknown = unknown;
    }

    /// <summary>Gets the verb (the first argument).</summary>
    public string Verb { get; }

    /// <summary>Gets the arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>Gets every option the verb does not declare, each followed by its value: the host's configuration.</summary>
    public IReadOnlyList<string> Configuration { get; }

    /// <summary>
    /// Gets the options that are neither the verb's nor configuration keys (no <c>Section:</c>), and the verb's
    /// options given without a value.
    /// </summary>
    public IReadOnlyList<string> Unknown { get; }

    /// <summary>
    /// Takes a command line apart.
    /// </summary>
    /// <param name="args">The command line, the verb first.</param>
    /// <param name="switches">The verb's options that take no value (with their leading <c>--</c>).</param>
    /// <param name="options">The verb's options that take a value (with their leading <c>--</c>); each may repeat.</param>
    /// <returns>The parts.</returns>
    public static CommandArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> switches, IReadOnlyCollection<string> options)
    {
        var positional = new List<string>();
        var givenSwitches = new HashSet<string>(StringComparer.Ordinal);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var configuration = new List<string>();
        var unknown = new List<string>();
        for (int i = 1; i < args.Count; i++)
        {
            string argument = args[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(argument);
                continue;
            }

            int equals = argument.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? argument : argument[..equals];
            if (switches.Contains(name))
            {
                givenSwitches.Add(name);
            }
            else if (options.Contains(name))
            {
                string? value = equals >= 0 ? argument[(equals + 1)..] : (i + 1 < args.Count ? args[++i] : null);
                if (value is null)
                {
                    unknown.Add(name);
                    continue;
                }

                if (!values.TryGetValue(name, out List<string>? list))
                {
                    values[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                // Configuration: --Section:Key value or --Section:Key=value (a file path value such as /tmp/x would
                // otherwise read as a "/key value" switch of its own).
                configuration.Add(argument);
                if (equals < 0 && i + 1 < args.Count)
                {
                    configuration.Add(args[++i]);
                }

                if (!name.Contains(':', StringComparison.Ordinal))
                {
                    unknown.Add(name);
                }
            }
        }

        return new CommandArguments(args.Count > 0 ? args[0] : string.Empty, positional, givenSwitches, values, configuration, unknown);
    }

    /// <summary>
    /// Tells whether a switch was given.
    /// </summary>
    /// <param name="name">The switch, with its leading <c>--</c>.</param>
    /// <returns>true when given.</returns>
    public bool Has(string name) => _switches.Contains(name);

    /// <summary>
    /// Gets an option's value (the last one when repeated).
    /// </summary>
    /// <param name="name">The option, with its leading <c>--</c>.</param>
    /// <returns>The value, or null when the option was not given.</returns>
    public string? Value(string name) => _options.TryGetValue(name, out List<string>? list) ? list[^1] : null;

    /// <summary>
    /// Gets every value of a repeatable option.
    /// </summary>
    /// <param name="name">The option, with its leading <c>--</c>.</param>
    /// <returns>The values in order; empty when not given.</returns>
    public IReadOnlyList<string> Values(string name) => _options.TryGetValue(name, out List<string>? list) ? list : [];
}
