using System.Diagnostics;
using System.Globalization;
using PhoneSafe.Firmware.Bench;

// Figures for firmware/README.md. Host numbers (x64, .NET 10): they rank the work, they do not predict ESP32 timings.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"PhoneSafe firmware core, host figures ({Environment.ProcessorCount} cores, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger" : "no debugger")})");
Console.WriteLine();
TapBenchmark.Run(allowListSize: 1500, iterations: 5000);
Console.WriteLine();
JournalBenchmark.Run(cycles: 1000);
