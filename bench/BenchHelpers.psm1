# Helpers for bench/Invoke-Benchmarks.ps1: timed child processes, medians, tables. PowerShell 7 only (ArgumentList).
Set-StrictMode -Version 3.0

function Invoke-TimedProcess {
    <#
    .SYNOPSIS
        Starts a process, waits for it (bounded), and returns its wall-clock time from start to exit with its output.
        BENCH_LAUNCH_TICKS (UTC ticks taken just before the start) lets a child measure its own start-up.
    #>
    param(
        [Parameter(Mandatory)] [string] $FileName,
        [string[]] $Arguments = @(),
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 300
    )
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($FileName)
    foreach ($argument in $Arguments) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    foreach ($name in $Environment.Keys) { $startInfo.Environment[$name] = [string]$Environment[$name] }

    $startInfo.Environment['BENCH_LAUNCH_TICKS'] = [string][DateTime]::UtcNow.Ticks
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($startInfo)
    try {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "$FileName $($Arguments -join ' ') did not finish within $TimeoutSeconds s; stopped it."
        }
        $process.WaitForExit()
        $watch.Stop()
        return [pscustomobject]@{
            Milliseconds = $watch.Elapsed.TotalMilliseconds
            ExitCode     = $process.ExitCode
            StdOut       = $stdout.GetAwaiter().GetResult()
            StdErr       = $stderr.GetAwaiter().GetResult()
            ExitTicks    = [DateTime]::UtcNow.Ticks
        }
    }
    finally {
        $process.Dispose()
    }
}

function Get-Median([double[]] $Values) {
    if ($null -eq $Values -or $Values.Count -eq 0) { return [double]::NaN }
    $sorted = [double[]]($Values | Sort-Object)
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$middle] }
    return ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

function Get-Stats([string] $Name, [double[]] $Values, [string] $Unit = 'ms') {
    [pscustomobject]@{
        Variant = $Name
        Median  = Get-Median $Values
        Min     = ($Values | Measure-Object -Minimum).Minimum
        Max     = ($Values | Measure-Object -Maximum).Maximum
        N       = $Values.Count
        Unit    = $Unit
    }
}

function Format-Number([double] $Value, [string] $Format = 'N0') {
    if ([double]::IsNaN($Value)) { return 'n/a' }
    return $Value.ToString($Format, [cultureinfo]::InvariantCulture)
}

function Write-StatsTable([object[]] $Stats) {
    $Stats | ForEach-Object {
        [pscustomobject]@{
            Variant = $_.Variant
            Median  = '{0} {1}' -f (Format-Number $_.Median 'N1'), $_.Unit
            Min     = Format-Number $_.Min 'N1'
            Max     = Format-Number $_.Max 'N1'
            N       = $_.N
        }
    } | Format-Table -AutoSize | Out-String -Width 200 | ForEach-Object { Write-Host $_.TrimEnd() }
}

function ConvertTo-MarkdownTable([object[]] $Rows, [string[]] $Columns) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('| ' + ($Columns -join ' | ') + ' |')
    $lines.Add('|' + (($Columns | ForEach-Object { '---' }) -join '|') + '|')
    foreach ($row in $Rows) {
        $cells = foreach ($column in $Columns) { ([string]$row.$column).Replace('|', '\|') }
        $lines.Add('| ' + ($cells -join ' | ') + ' |')
    }
    return $lines -join [Environment]::NewLine
}

function Get-LoadAverage {
    if (Test-Path -LiteralPath '/proc/loadavg') { return ((Get-Content -LiteralPath '/proc/loadavg' -Raw).Split(' ')[0..2] -join ' ') }
    return 'n/a'
}

function Get-ImageKind([string] $Path) {
    # 'IL' (no precompiled code), 'ReadyToRun' (a ManagedNativeHeader: precompiled code), or 'Native' (not .NET).
    $stream = [System.IO.File]::OpenRead($Path)
    try {
        $reader = [System.Reflection.PortableExecutable.PEReader]::new($stream)
        try {
            $cor = $reader.PEHeaders.CorHeader
            if ($null -eq $cor) { return 'Native' }
            if ($cor.ManagedNativeHeaderDirectory.Size -gt 0) { return 'ReadyToRun' }
            return 'IL'
        }
        finally { $reader.Dispose() }
    }
    catch [System.BadImageFormatException] { return 'Native' }
    finally { $stream.Dispose() }
}

Export-ModuleMember -Function *
