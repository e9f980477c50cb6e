<#
.SYNOPSIS
    HyprAuth against the alternatives a user has, side by side in one run: prints medians, ratios and the targets.
.DESCRIPTION
    Called by `build.ps1 -Task Bench` with the built module and emulator. Scenarios (all by default):
      Micro     engine micro-benchmarks (BenchmarkDotNet, bench/HyprAuth.Benchmarks): signing against raw ECDsa.SignData,
                cache hits, a full exchange and an API call against the in-process emulator
      Cold      a scheduled-task run in a fresh pwsh: HyprAuth vs a hand-written script (HandWritten-Flow.ps1) vs
                HYPR's route (java JWTCreator.java, curl, curl), beside a bare pwsh and the floor (Minimal-Flow.ps1: a
                ready token, one Invoke-RestMethod), plus a profile of where the cold time goes
      Warm      1,000 sequential Invoke-HyprApi vs 1,000 Invoke-RestMethod with a ready Authorization header
      Job       a 1,000-call job end to end: HyprAuth vs Java + curl (one assertion, one exchange, 1,000 curl processes)
      Parallel  16 runspaces x 500 calls from a cold cache: throughput and the number of exchanges (must be 1)
      Import    Import-Module HyprAuth: time and working-set growth over a bare pwsh
      Audit     the audit export: 50,000 events through Get-HyprAuditEvent -Checkpoint (Measure-AuditExport.ps1)
    One emulator (out/emulator) serves every whole-process scenario on loopback. Every loop is bounded; nothing here
    asserts a timing (the machines are shared and noisy). The Java + curl comparisons need java (11+, HYPR says 17+)
    and curl on PATH, and a POSIX sh; without them they are skipped with a message.
    Results: printed, and written to <OutputDirectory>/results.md and results.json.
.EXAMPLE
    dotnet pwsh -NoProfile -File build.ps1 -Task Bench
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmarks.ps1 -ModuleManifest out/HyprAuth/0.2.0/HyprAuth.psd1 -EmulatorPath out/emulator/HyprAuth.Emulator.dll -Quick
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $EmulatorPath,

    # A smoke run: one or two repetitions and small counts (about a minute). Its figures are not for the record.
    [switch] $Quick,

    # Any of Micro, Cold, Warm, Job, Parallel, Import, Audit (a comma-separated string works too, as pwsh -File passes it).
    [string[]] $Scenario = @('Micro', 'Cold', 'Warm', 'Job', 'Parallel', 'Import', 'Audit'),

    # HTTP, HTTPS or both: the transports Cold, Warm and Job run over (Parallel and Import run over HTTP only).
    [string[]] $Transport = @('HTTP', 'HTTPS'),

    # Also runs Cold and Import in a copy of this PowerShell whose own assemblies are precompiled as the installers'
    # are (bench/New-ReadyToRunPowerShell.ps1; built once into the temporary folder), side by side with this one.
    [switch] $ReadyToRunPwsh,

    # Overrides every scenario's number of measured repetitions (warm-ups come on top).
    [ValidateRange(1, 100)]
    [int] $Repetitions,

    [string] $OutputDirectory = (Join-Path $PSScriptRoot '../out/bench')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
if ($PSVersionTable.PSVersion.Major -lt 7) { throw 'The benchmarks need PowerShell 7 (they start fresh pwsh processes and use ForEach-Object -Parallel).' }
$knownScenarios = @('Micro', 'Cold', 'Warm', 'Job', 'Parallel', 'Import', 'Audit')
$Scenario = @($Scenario | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
$unknown = @($Scenario | Where-Object { $knownScenarios -notcontains $_ })
if ($unknown) { throw "Unknown scenario(s): $($unknown -join ', '). Known: $($knownScenarios -join ', ')." }

Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../build/Emulator.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../build/BuildHelpers.psm1') -Force

$ModuleManifest = (Resolve-Path -LiteralPath $ModuleManifest).Path
$EmulatorPath = (Resolve-Path -LiteralPath $EmulatorPath).Path
New-Item -ItemType Directory -Path $OutputDirectory -Force | Out-Null
$OutputDirectory = (Resolve-Path -LiteralPath $OutputDirectory).Path

# Run against a private copy of the built module and emulator: a build started meanwhile (another shell's Test task)
# lays out/ afresh and would pull them from under a running benchmark.
$snapshot = Join-Path ([System.IO.Path]::GetTempPath()) ('hyprauth-bench-' + [guid]::NewGuid().ToString('n'))
$moduleSource = Split-Path -Parent $ModuleManifest
$moduleCopy = Join-Path $snapshot ('HyprAuth/' + (Split-Path -Leaf $moduleSource))
New-Item -ItemType Directory -Path $moduleCopy -Force | Out-Null
Copy-Item -Path (Join-Path $moduleSource '*') -Destination $moduleCopy -Recurse
Copy-Item -LiteralPath (Split-Path -Parent $EmulatorPath) -Destination (Join-Path $snapshot 'emulator') -Recurse
$ModuleManifest = Join-Path $moduleCopy (Split-Path -Leaf $ModuleManifest)
$EmulatorPath = Join-Path $snapshot ('emulator/' + (Split-Path -Leaf $EmulatorPath))

try {

    # Counts per mode: full run (for the record) and -Quick (a smoke run).
    $plan = if ($Quick) {
        @{ ColdWarmups = 1; ColdReps = 2; ProfileReps = 1; WarmReps = 1; WarmCalls = 100; WarmWarmupCalls = 20; JobReps = 1; JobCalls = 100
            ParallelReps = 1; ParallelRunspaces = 16; ParallelCalls = 50; ImportWarmups = 1; ImportReps = 2 }
    }
    else {
        @{ ColdWarmups = 1; ColdReps = 7; ProfileReps = 3; WarmReps = 5; WarmCalls = 1000; WarmWarmupCalls = 200; JobReps = 3; JobCalls = 1000
            ParallelReps = 3; ParallelRunspaces = 16; ParallelCalls = 500; ImportWarmups = 1; ImportReps = 7 }
    }
    if ($Repetitions) { foreach ($key in @('ColdReps', 'ProfileReps', 'WarmReps', 'JobReps', 'ParallelReps', 'ImportReps')) { $plan[$key] = $Repetitions } }

    $pwsh = @(Get-PowerShellCommand)
    $pwshFile = $pwsh[0]
    $pwshPrefix = @(if ($pwsh.Count -gt 1) { $pwsh[1..($pwsh.Count - 1)] }) + @('-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass')
    # The PowerShells Cold and Import run in: this one, and with -ReadyToRunPwsh its precompiled copy. The label goes
    # after every figure of the copy; this one's figures keep their names (the history in docs/performance.md).
    $thisPwsh = [pscustomobject]@{ Label = ''; File = $pwshFile; Prefix = $pwshPrefix; Kind = Get-ImageKind (Join-Path $PSHOME 'System.Management.Automation.dll') }
    $powerShells = @($thisPwsh)
    if ($ReadyToRunPwsh) {
        if ($thisPwsh.Kind -ne 'IL' -or $pwsh.Count -lt 2) {
            throw "-ReadyToRunPwsh precompiles the IL-only PowerShell that dotnet runs (the dotnet tool); this one ($PSHOME) is $($thisPwsh.Kind)."
        }
        Write-Host 'ReadyToRun copy of this PowerShell: building it, or reusing the one in the temporary folder ...'
        $readyToRunDll = & (Join-Path $PSScriptRoot 'New-ReadyToRunPowerShell.ps1')
        $powerShells += [pscustomobject]@{ Label = ' [ReadyToRun pwsh]'; File = $pwshFile; Prefix = @($readyToRunDll) + @($pwshPrefix | Select-Object -Skip 1); Kind = 'ReadyToRun' }
    }
    # The same environment for every child: no telemetry or update checks on the network while we time start-up.
    # NO_COLOR: plain error text when a child fails and its output is shown.
    $childEnvironment = @{ POWERSHELL_TELEMETRY_OPTOUT = '1'; POWERSHELL_UPDATECHECK = 'Off'; NO_COLOR = '1' }

    $summary = [System.Collections.Generic.List[object]]::new()
    $engine = [System.Collections.Generic.List[object]]::new()
    $failures = [System.Collections.Generic.List[string]]::new()
    $details = [ordered]@{}
    $started = Get-Date

    function Add-Summary([string] $Comparison, [string] $HyprAuth, [string] $Alternative, [string] $Ratio, [string] $Target, [string] $Verdict) {
        $summary.Add([pscustomobject]@{ Comparison = $Comparison; HyprAuth = $HyprAuth; Alternative = $Alternative; Ratio = $Ratio; Target = $Target; Verdict = $Verdict })
    }

    function Get-Verdict([double] $Value, [double] $Limit, [switch] $AtLeast) {
        if ([double]::IsNaN($Value)) { return 'n/a' }
        $met = if ($AtLeast) { $Value -ge $Limit } else { $Value -le $Limit }
        if ($met) { 'met' } else { 'MISSED' }
    }

    function Invoke-PwshScript([string] $Script, [string[]] $Arguments, [int] $TimeoutSeconds = 300, $PowerShell = $thisPwsh, [hashtable] $Environment = @{}) {
        Invoke-TimedProcess -FileName $PowerShell.File -Arguments (@($PowerShell.Prefix) + @('-File', (Join-Path $PSScriptRoot $Script)) + $Arguments) `
            -Environment ($childEnvironment + $Environment) -TimeoutSeconds $TimeoutSeconds
    }

    function Assert-Run($Run, [string] $What) {
        if ($Run.ExitCode -ne 0) {
            throw "$What failed (exit code $($Run.ExitCode)): $(($Run.StdErr + $Run.StdOut).Trim())"
        }
    }

    function Write-Section([string] $Title) {
        Write-Host ''
        Write-Host "=== $Title"
    }

    function Test-JavaCurl {
        # HYPR's route needs java 11+ (single-file source launch; HYPR asks for 17+), curl and a POSIX sh.
        $missing = @('java', 'curl', 'sh') | Where-Object { -not (Get-Command $_ -CommandType Application -ErrorAction SilentlyContinue) }
        if ($missing) { return "not on PATH: $($missing -join ', ')" }
        $version = (& java -version 2>&1 | Select-Object -First 1) -as [string]
        if ($version -match 'version "(\d+)') {
            if ([int]$Matches[1] -lt 11) { return "java $($Matches[1]) cannot run a single-file program (needs 11+, HYPR says 17+)" }
        }
        return $null
    }

    # ---------------------------------------------------------------------------------------------------------------
    $cores = [Environment]::ProcessorCount
    $os = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
    $runtime = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    $javaProblem = Test-JavaCurl
    $javaVersion = if (-not $javaProblem) { ((& java -version 2>&1 | Select-Object -First 1) -as [string]).Trim() } else { 'n/a' }
    $curlVersion = if (-not $javaProblem) { ((& curl --version | Select-Object -First 1) -split ' ')[0..1] -join ' ' } else { 'n/a' }
    $machine = [ordered]@{
        date       = $started.ToUniversalTime().ToString('yyyy-MM-dd HH:mm') + ' UTC'
        cores      = $cores
        os         = $os
        pwsh       = "PowerShell $($PSVersionTable.PSVersion) on $runtime"
        java       = $javaVersion
        curl       = $curlVersion
        loadBefore = Get-LoadAverage
        mode       = if ($Quick) { 'quick (smoke run; not for the record)' } else { 'full' }
    }
    Write-Host "HyprAuth benchmarks: $($machine.date), $cores cores, $os"
    Write-Host "  $($machine.pwsh); java: $javaVersion; curl: $curlVersion"
    Write-Host "  load average before: $($machine.loadBefore); mode: $($machine.mode)"
    Write-Host "  module: $moduleSource (run from a private copy)"
    if ($ReadyToRunPwsh) {
        $machine['pwshReadyToRun'] = $powerShells[-1].Prefix[0]
        Write-Host "  Cold and Import also in $($machine.pwshReadyToRun): this PowerShell with its own assemblies precompiled; its figures say [ReadyToRun pwsh]"
    }
    Write-Host '  Figures only: nothing here asserts a timing. Medians of the measured repetitions (warm-ups discarded).'

    # ---------------------------------------------------------------------------------------------------------------
    if ($Scenario -contains 'Micro') {
        Write-Section 'Engine micro-benchmarks (BenchmarkDotNet, in-process job)'
        try {
            $project = Join-Path $PSScriptRoot 'HyprAuth.Benchmarks/HyprAuth.Benchmarks.csproj'
            $microDir = Join-Path $OutputDirectory 'micro'
            Remove-Item -LiteralPath $microDir -Recurse -Force -ErrorAction SilentlyContinue
            & dotnet build $project -c Release --nologo -v q '-clp:ErrorsOnly' -o (Join-Path $microDir 'bin')
            if ($LASTEXITCODE -ne 0) { throw "dotnet build $project failed (exit code $LASTEXITCODE)." }
            $json = Join-Path $microDir 'micro.json'
            $log = Join-Path $microDir 'benchmarkdotnet.log'
            $benchArgs = @((Join-Path $microDir 'bin/HyprAuth.Benchmarks.dll'), '--json', $json, '--artifacts', (Join-Path $microDir 'artifacts'))
            if ($Quick) { $benchArgs += '--quick' }
            & dotnet @benchArgs *> $log
            $microExit = $LASTEXITCODE
            Get-ChildItem -LiteralPath (Join-Path $microDir 'artifacts/results') -Filter '*-report-github.md' -ErrorAction SilentlyContinue |
                ForEach-Object { Get-Content -LiteralPath $_.FullName | Where-Object { $_ -notmatch '^```' } | ForEach-Object { Write-Host $_.Replace('&#39;', '') } }
            $inLog = $false
            foreach ($line in (Get-Content -LiteralPath $log -ErrorAction SilentlyContinue)) {
                if ($line -like 'Interleaved signing check*') { $inLog = $true; Write-Host '' }
                if ($inLog) { Write-Host $line }
            }
            Write-Host "(BenchmarkDotNet's log: $log)"
            if ($microExit -ne 0 -or -not (Test-Path -LiteralPath $json)) { throw "The micro-benchmarks failed (exit code $microExit); see $log." }

            $micro = Get-Content -LiteralPath $json -Raw | ConvertFrom-Json
            $details['micro'] = $micro
            $byMethod = @{}
            foreach ($result in $micro.results) { $byMethod[$result.method] = $result }
            # The verdict reads the interleaved check (same load for both); BenchmarkDotNet's medians stand beside it.
            $interleaved = $micro.interleavedSigning.medianNs
            $raw = $interleaved.'raw ECDsa.SignData (P-256, SHA-256)'
            $bdnRaw = $byMethod['RawSignData'].medianNs
            foreach ($pair in @(@('SigningKeySign', 'HyprSigningKey.Sign', 'Sign', 0.9), @('CreateAssertion', 'ClientAssertionFactory.Create (whole assertion)', 'whole assertion', 0.95))) {
                $ours = $interleaved.($pair[1])
                $rate = $micro.interleavedSigning.rateRatio.($pair[1])
                $bdnOurs = $byMethod[$pair[0]].medianNs
                Add-Summary "Signing rate: $($pair[2])" ('{0} µs (BDN {1})' -f (Format-Number ($ours / 1000) 'N1'), (Format-Number ($bdnOurs / 1000) 'N1')) ('raw SignData {0} µs (BDN {1})' -f (Format-Number ($raw / 1000) 'N1'), (Format-Number ($bdnRaw / 1000) 'N1')) ('{0}× raw rate' -f (Format-Number $rate 'N2')) "≥ $($pair[3])× raw" (Get-Verdict $rate $pair[3] -AtLeast)
            }
            foreach ($name in @('CacheHitByRequest', 'CacheHitByHandle', 'FullExchange', 'ApiCall')) {
                if ($byMethod.ContainsKey($name)) {
                    $result = $byMethod[$name]
                    $engine.Add([pscustomobject]@{ Benchmark = $result.description.Trim("'"); Median = '{0} µs' -f (Format-Number ($result.medianNs / 1000) 'N1'); Allocated = '{0} B' -f (Format-Number $result.allocatedBytes) })
                }
            }
        }
        catch {
            Write-Host "MICRO-BENCHMARKS FAILED: $_"
            $failures.Add("Micro: $_")
        }
    }

    # ---------------------------------------------------------------------------------------------------------------
    $processScenarios = @($Scenario | Where-Object { $_ -notin @('Micro', 'Audit') })
    $Transport = @($Transport | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    if (@($Transport | Where-Object { $_ -notin @('HTTP', 'HTTPS') })) { throw "Unknown transport(s) in $($Transport -join ', '). Known: HTTP, HTTPS." }
    # Cold, Warm and Job run over plain HTTP and again over HTTPS against the emulator's TLS mode (every contender
    # trusts its throwaway CA, and only it, through environment variables); the other scenarios need no TLS.
    foreach ($scheme in $Transport) {
        if ($processScenarios.Count -gt 0) {
            $tls = $scheme -eq 'HTTPS'
            $suffix = if ($tls) { ' (HTTPS)' } else { '' }
            $authority = Join-Path $OutputDirectory 'emulator-ca.pem'
            $emulator = if ($tls) { Start-HyprEmulator -Path $EmulatorPath -TlsAuthorityPath $authority } else { Start-HyprEmulator -Path $EmulatorPath }
            # .NET reads OpenSSL's SSL_CERT_FILE; this curl reads only CURL_CA_BUNDLE.
            if ($tls) { $childEnvironment['SSL_CERT_FILE'] = $authority; $childEnvironment['CURL_CA_BUNDLE'] = $authority }
            $keyFiles = [System.Collections.Generic.List[string]]::new()
            try {
                $tenant = $emulator.BaseUri
                Write-Host ''
                Write-Host "Emulator: $tenant (one process for every whole-process scenario$(if ($tls) { '; its CA trusted through SSL_CERT_FILE' }))"

                # A client as Control Center creates one; its key in a file, as a scheduled task would keep it.
                function New-BenchClient {
                    $client = if ($tls) {
                        # This process does not trust the emulator's CA (validation stays on, and SSL_CERT_FILE only
                        # counts at a process's start), so a child that does asks for the client.
                        $control = "Invoke-RestMethod -Method Post -Uri '$tenant/_emulator/clients' -ContentType application/json -Body '{`"maxActiveTokens`":100000}' | ConvertTo-Json -Compress"
                        $run = Invoke-TimedProcess -FileName $pwshFile -Arguments (@($pwshPrefix) + @('-Command', $control)) -Environment $childEnvironment
                        Assert-Run $run 'creating a client over HTTPS'
                        $run.StdOut | ConvertFrom-Json
                    }
                    else { New-EmulatorClient $emulator @{ maxActiveTokens = 100000 } }
                    $keyFile = Join-Path $OutputDirectory ("client-{0}.key" -f [guid]::NewGuid().ToString('n'))
                    Set-Content -LiteralPath $keyFile -Value $client.clientKey -NoNewline
                    if (-not $IsWindows) { & chmod 600 $keyFile }
                    $keyFiles.Add($keyFile)
                    return [pscustomobject]@{ ClientId = $client.clientId; KeyFile = $keyFile }
                }

                function Get-Exchanges([string] $ClientId) {
                    $property = (Get-EmulatorCounters $emulator).exchanges.PSObject.Properties[$ClientId]
                    if ($null -eq $property) { return 0 }
                    return [long]$property.Value
                }

                # -------------------------------------------------------------------------------------------------------
                if ($processScenarios -contains 'Cold') {
                    Write-Section "1. Cold scheduled-task run$($suffix): fresh process, import/sign, exchange, one API call ($($plan.ColdWarmups) warm-up + $($plan.ColdReps) runs each, interleaved)"
                    try {
                        $coldLoadBefore = Get-LoadAverage
                        $client = New-BenchClient
                        # The floor's ready token, got once by HyprAuth in a child (which trusts the emulator's CA over HTTPS).
                        $tokenCommand = "Import-Module '$ModuleManifest'; ConvertFrom-SecureString -AsPlainText (Get-HyprAccessToken -TenantUri '$tenant' -ClientId '$($client.ClientId)' -KeyPath '$($client.KeyFile)').AccessToken"
                        $tokenRun = Invoke-TimedProcess -FileName $pwshFile -Arguments (@($pwshPrefix) + @('-Command', $tokenCommand)) -Environment $childEnvironment
                        Assert-Run $tokenRun 'getting the floor''s access token'
                        $floorEnvironment = @{ HYPR_BENCH_ACCESS_TOKEN = $tokenRun.StdOut.Trim() }
                        # Each variant: what it runs (given the PowerShell it runs in), and that PowerShell.
                        $variants = [ordered]@{}
                        foreach ($shell in $powerShells) {
                            $label = $shell.Label
                            $variants["HyprAuth (pwsh, HyprAuth-Flow.ps1)$label"] = @({ param($in) Invoke-PwshScript 'HyprAuth-Flow.ps1' @('-ModuleManifest', $ModuleManifest, '-TenantUri', $tenant, '-ClientId', $client.ClientId, '-KeyPath', $client.KeyFile) -PowerShell $in }, $shell)
                            $variants["hand-written (pwsh, HandWritten-Flow.ps1)$label"] = @({ param($in) Invoke-PwshScript 'HandWritten-Flow.ps1' @('-TenantUri', $tenant, '-ClientId', $client.ClientId, '-KeyPath', $client.KeyFile) -PowerShell $in }, $shell)
                            $variants["minimal route (ready token, one Invoke-RestMethod; the floor)$label"] = @({ param($in) Invoke-PwshScript 'Minimal-Flow.ps1' @('-TenantUri', $tenant) -PowerShell $in -Environment $floorEnvironment }, $shell)
                            $variants["bare pwsh -NoProfile (start-up)$label"] = @({ param($in) Invoke-TimedProcess -FileName $in.File -Arguments (@($in.Prefix) + @('-Command', 'exit 0')) -Environment $childEnvironment }, $shell)
                        }
                        if (-not $javaProblem) {
                            $variants['HYPR route (java JWTCreator.java + curl + curl)'] = @({ param($in) Invoke-TimedProcess -FileName 'sh' -Arguments @((Join-Path $PSScriptRoot 'JavaCurl-Flow.sh'), $tenant, $client.ClientId, $client.KeyFile, '1') -Environment $childEnvironment }, $null)
                        }
                        else {
                            Write-Host "SKIPPED the Java + curl route: $javaProblem. Install a JDK (17+) and curl to compare against HYPR's documented route."
                        }
                        $times = [ordered]@{}
                        foreach ($name in $variants.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
                        for ($r = -$plan.ColdWarmups; $r -lt $plan.ColdReps; $r++) {
                            foreach ($name in $variants.Keys) {
                                $run = & $variants[$name][0] $variants[$name][1]
                                Assert-Run $run $name
                                if ($r -ge 0) { $times[$name].Add($run.Milliseconds) }
                            }
                        }
                        $stats = foreach ($name in $times.Keys) { Get-Stats $name $times[$name].ToArray() }
                        Write-StatsTable $stats
                        # Shares over a bare pwsh, round by round (the variants of a round ran one after another), for their spread.
                        $shareStats = foreach ($shell in $powerShells) {
                            $bareTimes = $times["bare pwsh -NoProfile (start-up)$($shell.Label)"]
                            foreach ($flow in @('HyprAuth (pwsh, HyprAuth-Flow.ps1)', 'minimal route (ready token, one Invoke-RestMethod; the floor)', 'hand-written (pwsh, HandWritten-Flow.ps1)')) {
                                $flowTimes = $times["$flow$($shell.Label)"]
                                Get-Stats "share over a bare pwsh: $flow$($shell.Label)" @(for ($i = 0; $i -lt $flowTimes.Count; $i++) { $flowTimes[$i] - $bareTimes[$i] })
                            }
                        }
                        Write-StatsTable $shareStats
                        $coldLoadAfter = Get-LoadAverage
                        Write-Host "Load average during the cold runs: $coldLoadBefore before, $coldLoadAfter after."
                        $details['cold' + $suffix] = [pscustomobject]@{ runs = $stats; shares = $shareStats; loadBefore = $coldLoadBefore; loadAfter = $coldLoadAfter }
                        function Get-VariantMedian([string] $Variant) { ($stats | Where-Object Variant -EQ $Variant).Median }
                        function Get-ShareSpread([string] $Variant) {
                            $stat = $shareStats | Where-Object Variant -EQ "share over a bare pwsh: $Variant"
                            '{0} – {1}' -f (Format-Number $stat.Min), (Format-Number $stat.Max)
                        }
                        foreach ($shell in $powerShells) {
                            $label = $shell.Label
                            $ours = Get-VariantMedian "HyprAuth (pwsh, HyprAuth-Flow.ps1)$label"
                            $hand = Get-VariantMedian "hand-written (pwsh, HandWritten-Flow.ps1)$label"
                            $minimal = Get-VariantMedian "minimal route (ready token, one Invoke-RestMethod; the floor)$label"
                            $bare = Get-VariantMedian "bare pwsh -NoProfile (start-up)$label"
                            if (-not $javaProblem) {
                                $java = Get-VariantMedian 'HYPR route (java JWTCreator.java + curl + curl)'
                                $ratio = $ours / $java
                                Add-Summary "Cold run (fresh pwsh)$suffix$label" ('{0} ms' -f (Format-Number $ours)) ('Java+curl {0} ms; hand-written {1} ms ({2}×)' -f (Format-Number $java), (Format-Number $hand), (Format-Number ($ours / $hand) 'N2')) ('{0}×' -f (Format-Number $ratio 'N2')) '≤ 1.0× Java+curl' (Get-Verdict $ratio 1.0)
                            }
                            else {
                                Add-Summary "Cold run (fresh pwsh)$suffix$label" ('{0} ms' -f (Format-Number $ours)) ('hand-written {0} ms; Java+curl skipped: {1}' -f (Format-Number $hand), $javaProblem) ('{0}× hand-written' -f (Format-Number ($ours / $hand) 'N2')) '≤ 1.0× Java+curl' 'n/a'
                            }
                            # HyprAuth's own share: what the cold run costs beyond starting pwsh at all; beside it the floor,
                            # what PowerShell charges any script for one call with a token it already has.
                            $share = $ours - $bare
                            Add-Summary "Cold run: HyprAuth's share$suffix$label" ('{0} ms ({1})' -f (Format-Number $share), (Get-ShareSpread "HyprAuth (pwsh, HyprAuth-Flow.ps1)$label")) ('floor (ready token + Invoke-RestMethod) {0} ms ({1}); hand-written''s share {2} ms; bare pwsh {3} ms' -f (Format-Number ($minimal - $bare)), (Get-ShareSpread "minimal route (ready token, one Invoke-RestMethod; the floor)$label"), (Format-Number ($hand - $bare)), (Format-Number $bare)) ('{0} ms over the floor' -f (Format-Number ($ours - $minimal) '+#,0;-#,0;0')) '≤ 150 ms' (Get-Verdict $share 150)
                        }

                        # Where the cold time goes: each flow's steps, timed inside a fresh process, then the same steps warm.
                        # Over HTTP only: the steps are the same over HTTPS, whose cost the comparison above shows.
                        if (-not $tls) {
                            Write-Host ''
                            Write-Host "Profile of the cold run (medians of $($plan.ProfileReps) fresh processes per flow; 'first' includes JIT and type loading, 'warm' is the same step again):"
                            $profileRows = [System.Collections.Generic.List[object]]::new()
                            foreach ($shell in $powerShells) { foreach ($flowName in @('HyprAuth', 'HandWritten', 'Minimal', 'Primitives')) {
                                $flow = "$flowName$($shell.Label)"
                                $profiles = for ($p = 0; $p -lt $plan.ProfileReps; $p++) {
                                    $run = Invoke-PwshScript 'Profile-ColdRun.ps1' @('-Flow', $flowName, '-ModuleManifest', $ModuleManifest, '-TenantUri', $tenant, '-ClientId', $client.ClientId, '-KeyPath', $client.KeyFile) -PowerShell $shell -Environment $floorEnvironment
                                    Assert-Run $run "Profile-ColdRun.ps1 -Flow $flow"
                                    $lines = $run.StdOut.Trim() -split "`n"
                                    $data = $lines[-2] | ConvertFrom-Json
                                    $data | Add-Member -NotePropertyName totalMs -NotePropertyValue $run.Milliseconds
                                    $data | Add-Member -NotePropertyName shutdownMs -NotePropertyValue (($run.ExitTicks - [long]$lines[-1].Trim()) / 10000.0)
                                    $data
                                }
                                $profileRows.Add([pscustomobject]@{ Flow = $flow; Step = 'process start to first script line (pwsh start-up)'; Ms = Get-Median @($profiles.startupMs); Jitted = Get-Median @($profiles.jittedAtStart) })
                                foreach ($step in $profiles[0].steps.step) {
                                    $samples = @($profiles | ForEach-Object { $_.steps | Where-Object step -EQ $step })
                                    $profileRows.Add([pscustomobject]@{
                                            Flow = $flow; Step = $step; Ms = Get-Median @($samples.ms)
                                            Jitted = Get-Median @($samples.jitted); JitMs = Get-Median @($samples.jitMs); Assemblies = Get-Median @($samples.assemblies)
                                        })
                                }
                                $profileRows.Add([pscustomobject]@{ Flow = $flow; Step = 'last script line to process exit'; Ms = Get-Median @($profiles.shutdownMs) })
                                $profileRows.Add([pscustomobject]@{ Flow = $flow; Step = 'whole process (includes the warm repeats)'; Ms = Get-Median @($profiles.totalMs) })
                                $workingSets = '{0} / {1}' -f (Format-Number ((Get-Median @($profiles.workingSetStart)) / 1MB) 'N1'), (Format-Number ((Get-Median @($profiles.workingSetEnd)) / 1MB) 'N1')
                                $profileRows.Add([pscustomobject]@{ Flow = $flow; Step = 'working set at script start / end (MB)'; Ms = $workingSets })
                            } }
                            if (-not $javaProblem) {
                                $phaseRuns = for ($p = 0; $p -lt $plan.ProfileReps; $p++) {
                                    $run = Invoke-TimedProcess -FileName 'sh' -Arguments @((Join-Path $PSScriptRoot 'JavaCurl-Flow.sh'), $tenant, $client.ClientId, $client.KeyFile, '1') -Environment @{ BENCH_PHASES = '1' }
                                    Assert-Run $run 'JavaCurl-Flow.sh (phases)'
                                    $marks = @{}
                                    foreach ($line in ($run.StdErr -split "`n")) { if ($line -match '^phase (\w+) (\d+)$') { $marks[$Matches[1]] = [long]$Matches[2] } }
                                    $marks
                                }
                                foreach ($phase in @(@('start', 'assertion', 'java JWTCreator.java (compile + sign)'), @('assertion', 'exchange', 'curl exchange'), @('exchange', 'calls', 'curl API call'))) {
                                    $profileRows.Add([pscustomobject]@{ Flow = 'Java + curl'; Step = $phase[2]; Ms = Get-Median @($phaseRuns | ForEach-Object { ($_[$phase[1]] - $_[$phase[0]]) / 1e6 }) })
                                }
                            }
                            # Methods JIT-compiled, JIT time and assemblies loaded by each step: counts that load does not disturb.
                            $profileRows | ForEach-Object {
                                [pscustomobject]@{
                                    Flow = $_.Flow; Step = $_.Step; Ms = if ($_.Ms -is [string]) { $_.Ms } else { Format-Number $_.Ms 'N1' }
                                    Jitted = if ($_.PSObject.Properties['Jitted']) { Format-Number $_.Jitted } else { '' }
                                    'JIT ms' = if ($_.PSObject.Properties['JitMs']) { Format-Number $_.JitMs 'N1' } else { '' }
                                    Assemblies = if ($_.PSObject.Properties['Assemblies']) { Format-Number $_.Assemblies } else { '' }
                                }
                            } |
                                Format-Table -AutoSize | Out-String -Width 200 | ForEach-Object { Write-Host $_.TrimEnd() }
                            $details['coldProfile'] = $profileRows
                        }
                    }
                    catch {
                        Write-Host "COLD RUN FAILED: $_"
                        $failures.Add("Cold: $_")
                    }
                }

                # -------------------------------------------------------------------------------------------------------
                if ($processScenarios -contains 'Warm') {
                    Write-Section "2. Warm calls in one session$($suffix): $($plan.WarmCalls) sequential calls to introspect ($($plan.WarmWarmupCalls) warm-up calls each, $($plan.WarmReps) repetitions, rotated order)"
                    try {
                        $client = New-BenchClient
                        $run = Invoke-PwshScript 'Warm-Calls.ps1' @('-ModuleManifest', $ModuleManifest, '-TenantUri', $tenant, '-ClientId', $client.ClientId, '-KeyPath', $client.KeyFile,
                            '-Calls', $plan.WarmCalls, '-Repetitions', $plan.WarmReps, '-WarmupCalls', $plan.WarmWarmupCalls) -TimeoutSeconds 600
                        Assert-Run $run 'Warm-Calls.ps1'
                        $warm = ($run.StdOut.Trim() -split "`n")[-1] | ConvertFrom-Json
                        $labels = [ordered]@{ hyprApi = 'Invoke-HyprApi'; irm = 'Invoke-RestMethod -Headers (ready bearer header)'; irmSession = 'Invoke-RestMethod -Headers -WebSession (connection reuse)' }
                        $stats = foreach ($key in $labels.Keys) { Get-Stats $labels[$key] ([double[]]$warm.times.$key) "ms / $($plan.WarmCalls) calls" }
                        Write-StatsTable $stats
                        $details['warm' + $suffix] = $stats
                        $ratio = $stats[0].Median / $stats[1].Median
                        Add-Summary "$($plan.WarmCalls) warm calls$suffix" ('{0} ms' -f (Format-Number $stats[0].Median)) ('Invoke-RestMethod {0} ms; -WebSession {1} ms ({2}×)' -f (Format-Number $stats[1].Median), (Format-Number $stats[2].Median), (Format-Number ($stats[0].Median / $stats[2].Median) 'N2')) ('{0}×' -f (Format-Number $ratio 'N2')) '≤ 0.35× Invoke-RestMethod' (Get-Verdict $ratio 0.35)
                    }
                    catch {
                        Write-Host "WARM CALLS FAILED: $_"
                        $failures.Add("Warm: $_")
                    }
                }

                # -------------------------------------------------------------------------------------------------------
                if ($processScenarios -contains 'Job') {
                    Write-Section "3. A $($plan.JobCalls)-call job end to end$($suffix), each a fresh process ($($plan.JobReps) runs each, interleaved, after a 10-call warm-up)"
                    try {
                        $client = New-BenchClient
                        $variants = [ordered]@{
                            'HyprAuth (pwsh, HyprAuth-Flow.ps1)'        = { param($calls) Invoke-PwshScript 'HyprAuth-Flow.ps1' @('-ModuleManifest', $ModuleManifest, '-TenantUri', $tenant, '-ClientId', $client.ClientId, '-KeyPath', $client.KeyFile, '-Calls', $calls) -TimeoutSeconds 600 }
                            'hand-written (pwsh, HandWritten-Flow.ps1)' = { param($calls) Invoke-PwshScript 'HandWritten-Flow.ps1' @('-TenantUri', $tenant, '-ClientId', $client.ClientId, '-KeyPath', $client.KeyFile, '-Calls', $calls) -TimeoutSeconds 600 }
                        }
                        if (-not $javaProblem) {
                            $variants['HYPR route (java + curl exchange + one curl per call)'] = { param($calls) Invoke-TimedProcess -FileName 'sh' -Arguments @((Join-Path $PSScriptRoot 'JavaCurl-Flow.sh'), $tenant, $client.ClientId, $client.KeyFile, $calls) -Environment $childEnvironment -TimeoutSeconds 600 }
                        }
                        else {
                            Write-Host "SKIPPED the Java + curl route: $javaProblem."
                        }
                        $times = [ordered]@{}
                        foreach ($name in $variants.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
                        foreach ($name in $variants.Keys) { Assert-Run (& $variants[$name] 10) "$name (warm-up)" }
                        for ($r = 0; $r -lt $plan.JobReps; $r++) {
                            foreach ($name in $variants.Keys) {
                                $run = & $variants[$name] $plan.JobCalls
                                Assert-Run $run $name
                                $times[$name].Add($run.Milliseconds)
                            }
                        }
                        $stats = foreach ($name in $times.Keys) { Get-Stats $name $times[$name].ToArray() }
                        Write-StatsTable $stats
                        $details['job' + $suffix] = $stats
                        $ours = $stats[0].Median
                        if (-not $javaProblem) {
                            $java = $stats[2].Median
                            $speedup = $java / $ours
                            Add-Summary "$($plan.JobCalls)-call job$suffix" ('{0} ms' -f (Format-Number $ours)) ('Java+curl {0} ms; hand-written {1} ms' -f (Format-Number $java), (Format-Number $stats[1].Median)) ('{0}× faster' -f (Format-Number $speedup 'N2')) '≥ 3× faster than Java+curl' (Get-Verdict $speedup 3 -AtLeast)
                        }
                        else {
                            Add-Summary "$($plan.JobCalls)-call job$suffix" ('{0} ms' -f (Format-Number $ours)) "Java+curl skipped: $javaProblem" '' '≥ 3× faster than Java+curl' 'n/a'
                        }
                    }
                    catch {
                        Write-Host "JOB FAILED: $_"
                        $failures.Add("Job: $_")
                    }
                }

                # -------------------------------------------------------------------------------------------------------
                if ($processScenarios -contains 'Parallel' -and -not $tls) {
                    $totalCalls = $plan.ParallelRunspaces * $plan.ParallelCalls
                    Write-Section "4. Parallel: $($plan.ParallelRunspaces) runspaces × $($plan.ParallelCalls) Invoke-HyprApi from a cold cache (fresh process and client per run; $($plan.ParallelReps) runs after a warm-up)"
                    try {
                        $throughputs = [System.Collections.Generic.List[double]]::new()
                        $exchangeCounts = [System.Collections.Generic.List[long]]::new()
                        for ($r = -1; $r -lt $plan.ParallelReps; $r++) {
                            $client = New-BenchClient
                            $calls = if ($r -lt 0) { [Math]::Min(20, $plan.ParallelCalls) } else { $plan.ParallelCalls }
                            $run = Invoke-PwshScript 'Parallel-Calls.ps1' @('-ModuleManifest', $ModuleManifest, '-TenantUri', $tenant, '-ClientId', $client.ClientId, '-KeyPath', $client.KeyFile,
                                '-Runspaces', $plan.ParallelRunspaces, '-CallsPerRunspace', $calls) -TimeoutSeconds 600
                            Assert-Run $run 'Parallel-Calls.ps1'
                            $data = ($run.StdOut.Trim() -split "`n")[-1] | ConvertFrom-Json
                            $spans = @($data.runspaces)
                            $made = ($spans | Measure-Object -Property calls -Sum).Sum
                            $seconds = ((($spans | Measure-Object -Property end -Maximum).Maximum) - (($spans | Measure-Object -Property start -Minimum).Minimum)) / $data.frequency
                            $exchanges = Get-Exchanges $client.ClientId
                            if ($exchanges -ne 1) {
                                Write-Host ''
                                Write-Host "!!!!!!!! $($spans.Count) runspaces from a cold cache made $exchanges token exchanges, not 1: the single-flight cache is broken. !!!!!!!!"
                                Write-Host ''
                            }
                            if ($r -ge 0) {
                                $throughputs.Add($made / $seconds)
                                $exchangeCounts.Add($exchanges)
                                Write-Host ('  run {0}: {1} calls in {2} s = {3} calls/s; token exchanges: {4}' -f ($r + 1), $made, (Format-Number $seconds 'N2'), (Format-Number ($made / $seconds)), $exchanges)
                            }
                        }
                        $stats = Get-Stats 'Invoke-HyprApi throughput' $throughputs.ToArray() 'calls/s'
                        Write-StatsTable @($stats)
                        $details['parallel'] = [pscustomobject]@{ throughput = $stats; exchanges = $exchangeCounts.ToArray() }
                        $allOne = @($exchangeCounts | Where-Object { $_ -ne 1 }).Count -eq 0
                        Add-Summary "Parallel $($plan.ParallelRunspaces)×$($plan.ParallelCalls), cold cache" ('{0} calls/s' -f (Format-Number $stats.Median)) ('exchanges per run: {0}' -f ($exchangeCounts -join ', ')) '' '1 exchange per run' $(if ($allOne) { 'met' } else { 'MISSED (loud)' })
                    }
                    catch {
                        Write-Host "PARALLEL FAILED: $_"
                        $failures.Add("Parallel: $_")
                    }
                }

                # -------------------------------------------------------------------------------------------------------
                if ($processScenarios -contains 'Import' -and -not $tls) {
                    Write-Section "5. Import cost: Import-Module HyprAuth in a fresh pwsh ($($plan.ImportWarmups) warm-up + $($plan.ImportReps) processes each, interleaved with bare and empty-module ones)"
                    try {
                        # PowerShell's own price for a first Import-Module: an empty script module, imported the same way.
                        $emptyModule = Join-Path $OutputDirectory 'EmptyModule'
                        New-Item -ItemType Directory -Path $emptyModule -Force | Out-Null
                        Set-Content -LiteralPath (Join-Path $emptyModule 'EmptyModule.psm1') -Value 'function Get-Nothing { }'
                        Set-Content -LiteralPath (Join-Path $emptyModule 'EmptyModule.psd1') -Value "@{ RootModule = 'EmptyModule.psm1'; ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @('Get-Nothing') }"
                        # Per PowerShell, interleaved: the import, a bare process, and the empty module's import.
                        $measures = foreach ($shell in $powerShells) {
                            [pscustomobject]@{
                                Shell = $shell; Import = [System.Collections.Generic.List[double]]::new(); Growth = [System.Collections.Generic.List[double]]::new()
                                Empty = [System.Collections.Generic.List[double]]::new(); WithImport = [System.Collections.Generic.List[double]]::new(); Bare = [System.Collections.Generic.List[double]]::new()
                            }
                        }
                        for ($r = -$plan.ImportWarmups; $r -lt $plan.ImportReps; $r++) {
                            foreach ($measure in $measures) {
                                $run = Invoke-PwshScript 'Measure-Import.ps1' @('-ModuleManifest', $ModuleManifest) -PowerShell $measure.Shell
                                Assert-Run $run 'Measure-Import.ps1'
                                $bareRun = Invoke-PwshScript 'Measure-Import.ps1' @('-ModuleManifest', $ModuleManifest, '-Bare') -PowerShell $measure.Shell
                                Assert-Run $bareRun 'Measure-Import.ps1 -Bare'
                                $emptyRun = Invoke-PwshScript 'Measure-Import.ps1' @('-ModuleManifest', (Join-Path $emptyModule 'EmptyModule.psd1')) -PowerShell $measure.Shell
                                Assert-Run $emptyRun 'Measure-Import.ps1 (empty module)'
                                if ($r -ge 0) {
                                    $fields = $run.StdOut.Trim().Split(' ')
                                    $measure.Import.Add([double]::Parse($fields[0], [cultureinfo]::InvariantCulture))
                                    $measure.Growth.Add(([double]$fields[2] - [double]$fields[1]) / 1MB)
                                    $measure.WithImport.Add($run.Milliseconds)
                                    $measure.Bare.Add($bareRun.Milliseconds)
                                    $measure.Empty.Add([double]::Parse($emptyRun.StdOut.Trim().Split(' ')[0], [cultureinfo]::InvariantCulture))
                                }
                            }
                        }
                        $allStats = foreach ($measure in $measures) {
                            $label = $measure.Shell.Label
                            $stats = @(
                                Get-Stats "Import-Module HyprAuth (timed inside the process)$label" $measure.Import.ToArray()
                                Get-Stats "working-set growth over the import$label" $measure.Growth.ToArray() 'MB'
                                Get-Stats "Import-Module of an empty script module (PowerShell's own first-import cost)$label" $measure.Empty.ToArray()
                                Get-Stats "whole process with the import$label" $measure.WithImport.ToArray()
                                Get-Stats "whole process without it (bare)$label" $measure.Bare.ToArray()
                            )
                            $processDelta = $stats[3].Median - $stats[4].Median
                            $importRatio = $stats[0].Median / $stats[2].Median
                            Add-Summary "Import-Module: time$label" ('{0} ms' -f (Format-Number $stats[0].Median 'N1')) ('empty module {0} ms; process {1} ms vs bare pwsh' -f (Format-Number $stats[2].Median 'N1'), (Format-Number $processDelta '+#,0;-#,0;0')) ('{0}×' -f (Format-Number $importRatio 'N2')) '≤ 1.05× empty module' (Get-Verdict $importRatio 1.05)
                            Add-Summary "Import-Module: working set$label" ('+{0} MB' -f (Format-Number $stats[1].Median 'N1')) '' '' '≤ 30 MB' (Get-Verdict $stats[1].Median 30)
                            $stats
                        }
                        Write-StatsTable $allStats
                        $details['import'] = $allStats
                    }
                    catch {
                        Write-Host "IMPORT FAILED: $_"
                        $failures.Add("Import: $_")
                    }
                }
            }
            finally {
                Stop-HyprEmulator $emulator
                $childEnvironment.Remove('SSL_CERT_FILE')
                $childEnvironment.Remove('CURL_CA_BUNDLE')
                foreach ($keyFile in $keyFiles) { Remove-Item -LiteralPath $keyFile -Force -ErrorAction SilentlyContinue }
            }
        }
    }

    # ---------------------------------------------------------------------------------------------------------------
    if ($Scenario -contains 'Audit') {
        $auditEvents = if ($Quick) { 5000 } else { 50000 }
        Write-Section "6. The audit export: $auditEvents events through Get-HyprAuditEvent -Checkpoint, in one fresh pwsh (its own emulator)"
        try {
            $run = Invoke-PwshScript 'Measure-AuditExport.ps1' @('-ModuleManifest', $ModuleManifest, '-EmulatorPath', $EmulatorPath, '-EventCount', $auditEvents) -TimeoutSeconds 900
            Assert-Run $run 'Measure-AuditExport.ps1'
            Write-Host $run.StdOut.Trim()
            $figures = @{}
            foreach ($line in ($run.StdOut -split "`n")) { if ($line -match '^\s*(\w+)\s*:\s*(\S+)') { $figures[$Matches[1]] = $Matches[2] } }
            $details['audit'] = $figures
            Add-Summary "Audit export, $auditEvents events" ('{0} events/s' -f $figures.EventsPerSecond) ('working set +{0} MB (peak {1} MB)' -f $figures.GrowthMB, $figures.WorkingSetPeakMB) '' '' 'figure'
        }
        catch {
            Write-Host "AUDIT EXPORT FAILED: $_"
            $failures.Add("Audit: $_")
        }
    }

    # ---------------------------------------------------------------------------------------------------------------
    $machine['loadAfter'] = Get-LoadAverage
    $machine['durationSeconds'] = [int]((Get-Date) - $started).TotalSeconds
    Write-Section "Summary ($($machine.date), $cores cores, load average $($machine.loadBefore) before / $($machine.loadAfter) after, $($machine.durationSeconds) s)"
    $summary | Format-Table -AutoSize | Out-String -Width 250 | ForEach-Object { Write-Host $_.TrimEnd() }
    Write-Host 'Ratios are HyprAuth / alternative unless they say "faster" or "rate". Verdicts are readings, not assertions.'
    if ($Quick) { Write-Host '-Quick: counts, repetitions and warm-ups are too small for the targets; these verdicts mean nothing.' }
    if ($engine.Count -gt 0) {
        Write-Host ''
        Write-Host 'Engine figures (BenchmarkDotNet medians; the in-process emulator shares the CPU):'
        $engine | Format-Table -AutoSize | Out-String -Width 250 | ForEach-Object { Write-Host $_.TrimEnd() }
    }

    $markdown = @(
        "Run: $($machine.date); $cores cores; $os; $($machine.pwsh); java: $javaVersion; curl: $curlVersion; load average $($machine.loadBefore) before, $($machine.loadAfter) after; mode: $($machine.mode); $($machine.durationSeconds) s."
        ''
        (ConvertTo-MarkdownTable $summary @('Comparison', 'HyprAuth', 'Alternative', 'Ratio', 'Target', 'Verdict'))
        ''
        (ConvertTo-MarkdownTable $engine @('Benchmark', 'Median', 'Allocated'))
    ) -join [Environment]::NewLine
    Set-Content -LiteralPath (Join-Path $OutputDirectory 'results.md') -Value $markdown -Encoding utf8
    [pscustomobject]@{ machine = $machine; summary = $summary; engine = $engine; details = $details; failures = $failures } |
        ConvertTo-Json -Depth 8 | Set-Content -LiteralPath (Join-Path $OutputDirectory 'results.json') -Encoding utf8
    Write-Host "Written: $(Join-Path $OutputDirectory 'results.md'), results.json"
}
finally {
    Remove-Item -LiteralPath $snapshot -Recurse -Force -ErrorAction SilentlyContinue
}

if ($failures.Count -gt 0) {
    throw "$($failures.Count) benchmark scenario(s) failed to run: $($failures -join ' | ')"
}
