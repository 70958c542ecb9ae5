namespace PhoneSafe.Gateway.Options;

/// <summary>
/// The demonstration school started by <c>--demo</c> (appsettings section "DemoOptions").
/// </summary>
public sealed class DemoOptions
{
    /// <summary>Gets or sets a value indicating whether demo mode is on (set by the --demo switch).</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the demo school's identifier.</summary>
    public string School { get; set; } = "demo-school";

    /// <summary>Gets or sets the number of classroom lockers (the school also has one office unit).</summary>
    public int Lockers { get; set; } = 30;

    /// <summary>Gets or sets the compartments per classroom locker (1 to 16).</summary>
    public int CompartmentsPerLocker { get; set; } = 16;

    /// <summary>Gets or sets the compartments of the office unit (1 to 16).</summary>
    public int OfficeCompartments { get; set; } = 16;

    /// <summary>Gets or sets the number of staff with (simulated) badges.</summary>
    public int Staff { get; set; } = 180;

    /// <summary>Gets or sets the number of pupils with (simulated) cards.</summary>
    public int Pupils { get; set; } = 240;

    /// <summary>Gets or sets the scenario the virtual lockers play, day after day (a shipped name or a path).</summary>
    public string Scenario { get; set; } = "school-day";

    /// <summary>Gets or sets how many weeks of school days before today the demo plays first, as fast as it can, on its first run (0: none).</summary>
    public int HistoryWeeks { get; set; } = 4;

    /// <summary>Gets or sets the scenario the virtual lockers play on each of those days (a shipped name or a path).</summary>
    public string HistoryScenario { get; set; } = "ordinary-day";

    /// <summary>Gets or sets the virtual seconds per real second (60: a school day in about 9 minutes).</summary>
    public double Speed { get; set; } = 60;

    /// <summary>Gets or sets the folder (relative to the content root) where the virtual lockers' flash and settings are kept between runs, so a restarted demo continues their sequence numbers.</summary>
    public string StateDirectory { get; set; } = "data/demo-lockers";

    /// <summary>Gets or sets a value indicating whether the gateway runs the virtual lockers itself (false: set the school up only, for the phonesafe-sim command line).</summary>
    public bool RunLockers { get; set; } = true;
}
