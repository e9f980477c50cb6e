# Shared by the Pester tests: where the built module and the emulator are (set by Invoke-PesterSuite.ps1),
# and the emulator's controls (build/Emulator.psm1, shared with the demo and the benchmarks).
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot '../build/Emulator.psm1') -Force -Global
Import-Module (Join-Path $PSScriptRoot '../build/BuildHelpers.psm1') -Function Get-PowerShellCommand -Force

function Get-HyprModuleManifest {
    if (-not $env:HYPRAUTH_MODULE_MANIFEST) { throw 'Run the tests through build.ps1 -Task Test (HYPRAUTH_MODULE_MANIFEST is not set).' }
    return $env:HYPRAUTH_MODULE_MANIFEST
}

# -TlsAuthorityPath serves HTTPS; the emulator writes its throwaway CA's certificate there (see its README).
# Where PowerShell 7 on this machine loads HyprAuth.Core from, relative to the module folder: the ReadyToRun images
# for this .NET major version and platform (build/ReadyToRun; HyprAuth.Loader chooses them the same way).
function Get-EngineRelativePath {
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $arch = [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()
    return "Dependencies/ReadyToRun/net$([Environment]::Version.Major).0-$os-$arch/HyprAuth.Core.dll"
}

function Start-TestEmulator([string] $TlsAuthorityPath, [string] $TlsHostName) {
    if (-not $env:HYPRAUTH_EMULATOR) { throw 'Run the tests through build.ps1 -Task Test (HYPRAUTH_EMULATOR is not set).' }
    return Start-HyprEmulator -Path $env:HYPRAUTH_EMULATOR -TlsAuthorityPath $TlsAuthorityPath -TlsHostName $TlsHostName
}

# One counter of the emulator: a per-client map (exchanges, exchangeAttempts, activeTokens) or requests by route.
function Get-EmulatorCount($Emulator, [string] $Name, [string] $Key) {
    $value = (Get-EmulatorCounters $Emulator).$Name.PSObject.Properties[$Key]
    if ($value) { return [int]$value.Value } else { return 0 }
}

function Get-EmulatorRequestTotal($Emulator) {
    $sum = 0
    foreach ($property in (Get-EmulatorCounters $Emulator).requests.PSObject.Properties) { $sum += [int]$property.Value }
    return $sum
}

function Add-EmulatorFault($Emulator, [hashtable] $Fault) {
    Invoke-EmulatorControl -Emulator $Emulator -Route 'faults' -Body $Fault | Out-Null
}

# A key file as a careful user keeps it: only its owner may read it (0600), so the cmdlets do not warn about it.
function Set-KeyFileOwnerOnly([string] $Path) {
    if (-not $IsWindows) { [System.IO.File]::SetUnixFileMode($Path, [System.IO.UnixFileMode]'UserRead, UserWrite') }
}

function Get-TokenValue([HyprAuth.HyprAccessToken] $Token) {
    # Only a test reads the value, to look for it everywhere else.
    return [System.Net.NetworkCredential]::new('', $Token.AccessToken).Password
}

# Everything an error record can show: its full formatting, the exception's (and inner exceptions') properties, the message.
function Get-ErrorText($Record) {
    $text = ($Record | Format-List * -Force | Out-String -Width 4096)
    $exception = $Record.Exception
    while ($exception) {
        $text += ($exception | Format-List * -Force | Out-String -Width 4096) + $exception.Message + $exception.ToString()
        $exception = $exception.InnerException
    }
    return $text + $Record.ToString() + ($Record.ErrorDetails | Out-String)
}

# base64url without padding (RFC 7515 §2), written here independently of the module.
function ConvertTo-Base64Url([byte[]] $Bytes) { [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }

function ConvertFrom-Base64Url([string] $Text) {
    $base64 = $Text.Replace('-', '+').Replace('_', '/')
    switch ($base64.Length % 4) { 2 { $base64 += '==' } 3 { $base64 += '=' } }
    return [Convert]::FromBase64String($base64)
}

# The one set of refused keys the Pester tests use, one for each key ErrorId (BadInput.Tests.ps1 has a row for each);
# the engine's xunit tests hold the full matrix of kinds. NotBase64 is the client's own key with one character changed.
function New-TestKeySet([string] $ClientKey) {
    $p256 = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
    $p384 = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP384)
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    try {
        $pkcs8 = $p256.ExportPkcs8PrivateKey()
        $public = $p256.ExportParameters($false).Q
        $pbe = [System.Security.Cryptography.PbeParameters]::new('Aes256Cbc', 'SHA256', 1000)
        $certificateLabel = [regex]::Replace([Convert]::ToBase64String($pkcs8), '.{1,64}', "`$0`n")
        return @{
            NotBase64    = $ClientKey.Substring(0, 60) + '!' + $ClientKey.Substring(61)
            Truncated    = [Convert]::ToBase64String($pkcs8[0..39])
            Rsa          = [Convert]::ToBase64String($rsa.ExportPkcs8PrivateKey())
            P384         = [Convert]::ToBase64String($p384.ExportPkcs8PrivateKey())
            JwkWithoutD  = [ordered]@{ kty = 'EC'; crv = 'P-256'; x = ConvertTo-Base64Url $public.X; y = ConvertTo-Base64Url $public.Y } |
                ConvertTo-Json -Compress
            EncryptedPem = $p256.ExportEncryptedPkcs8PrivateKeyPem('correct horse', $pbe)
            PublicOnly   = [Convert]::ToBase64String($p256.ExportSubjectPublicKeyInfo())
            WrongLabel   = "-----BEGIN CERTIFICATE-----`n$certificateLabel-----END CERTIFICATE-----"
        }
    }
    finally { foreach ($key in @($p256, $p384, $rsa)) { $key.Dispose() } }
}

# The one leak search: where a secret shows in a text, whole or as any 12-character window after its first 48 characters
# (or its first half, if shorter): the first 48 characters of a P-256 PKCS#8 key in base64 are the ASN.1 prefix every
# such key shares, and its private scalar starts right after them, with or without a public key. A PEM's armour and headers ('-----END RSA
# PRIVATE KEY-----', 'Proc-Type: 4,ENCRYPTED') are not secret, and messages may rightly name the key type: only the
# base64 body is searched. Returns where it was found, never the secret, so a failure does not print it either.
function Find-Secret([string] $Text, [string] $Secret) {
    $Secret = (($Secret -split '\r?\n') | Where-Object { $_ -notmatch '^-----|^[\w-]+:' }) -join "`n"
    if ([string]::IsNullOrWhiteSpace($Secret) -or $Secret.Trim().Length -lt 12) { return }
    $Secret = $Secret.Trim()
    if ($Text.Contains($Secret)) { 'the whole secret' }
    for ($i = [Math]::Min(48, [Math]::Floor($Secret.Length / 2)); $i + 12 -le $Secret.Length; $i += 6) {
        $window = $Secret.Substring($i, 12)
        if ($window.Trim().Length -eq 12 -and $Text.Contains($window)) { "characters $i-$($i + 11)" }
    }
}

# Runs one HyprAuth command in a new runspace of this process (same token cache, same environment). That runspace has
# no host, so what -WhatIf says goes nowhere instead of into the test log (no stream redirection can catch it).
# Returns the output; the first error is thrown.
function Invoke-WithoutHost([string] $Command, [hashtable] $Parameters) {
    $shell = [powershell]::Create()
    try {
        $null = $shell.AddCommand('Import-Module').AddParameter('Name', (Get-HyprModuleManifest)).AddStatement()
        $null = $shell.AddCommand($Command).AddParameters($Parameters)
        $output = $shell.Invoke()
        if ($shell.Streams.Error.Count -gt 0) { throw $shell.Streams.Error[0] }
        return $output
    }
    finally { $shell.Dispose() }
}

# Runs a call expected to end with a terminating error and returns its ErrorRecord ($null when nothing was thrown).
function Get-ThrownError([scriptblock] $Call) {
    try { $null = & $Call } catch { return $_ }
    return $null
}

# The child's script as a file Windows PowerShell 5.1 reads as UTF-8 too: without a byte order mark it reads ANSI.
function New-ChildScriptFile([string] $Script) {
    $file = Join-Path ([System.IO.Path]::GetTempPath()) ('hyprauth-child-{0}.ps1' -f [guid]::NewGuid().ToString('N'))
    Set-Content -LiteralPath $file -Value $Script -Encoding utf8BOM
    return $file
}

# Windows PowerShell 5.1, where Windows keeps it (every account may run it).
function Get-WindowsPowerShellPath {
    return [System.IO.Path]::Combine("$env:SystemRoot", 'System32\WindowsPowerShell\v1.0\powershell.exe')
}

<#
.SYNOPSIS
    How a child PowerShell starts: -Edition Core is a PowerShell like this one (build/BuildHelpers.psm1's
    Get-PowerShellCommand), -Edition Desktop is Windows PowerShell 5.1 (powershell.exe, Windows only).
.DESCRIPTION
    This launcher always runs in PowerShell 7 (tests/Invoke-PesterSuite.ps1 refuses Windows PowerShell), so
    ProcessStartInfo.ArgumentList serves both editions: .NET quotes each argument by the MSVCRT rules that
    powershell.exe's own command-line parsing undoes, and nothing here quotes by hand. A Desktop child runs with
    -ExecutionPolicy Bypass, so the runner's policy never decides whether the temporary script runs; a test of an
    execution policy sets it inside the child (Set-ExecutionPolicy -Scope Process).
#>
function New-ChildStartInfo {
    param(
        [Parameter(Mandatory)] [string] $ScriptPath,
        [ValidateSet('Core', 'Desktop')] [string] $Edition = 'Core'
    )
    $command = @(Get-PowerShellCommand)
    $policy = @()
    if ($Edition -eq 'Desktop') {
        $command = @(Get-WindowsPowerShellPath)
        $policy = @('-ExecutionPolicy', 'Bypass')
    }
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($command[0])
    foreach ($argument in @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive') + $policy + @('-File', $ScriptPath)) {
        $startInfo.ArgumentList.Add($argument)
    }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    return $startInfo
}

<#
.SYNOPSIS
    Starts a script in a fresh PowerShell of the given edition (New-ChildStartInfo) without waiting, so several can
    run at once; Wait-ChildPowerShell collects it. Secrets go only through -Environment, never the command line.
    A script for -Edition Desktop must be Windows PowerShell 5.1 code: pass it as a literal, which
    tests/ChildScripts.Tests.ps1 checks.
#>
function Start-ChildPowerShell {
    param(
        [Parameter(Mandatory)] [string] $Script,
        [ValidateSet('Core', 'Desktop')] [string] $Edition = 'Core',
        [hashtable] $Environment = @{},
        [string[]] $RemoveEnvironment = @(),
        [string] $WorkingDirectory
    )
    if ($Edition -eq 'Desktop' -and -not $IsWindows) { throw 'Windows PowerShell 5.1 exists only on Windows: tag the test Windows.' }
    $file = New-ChildScriptFile $Script
    $startInfo = New-ChildStartInfo -ScriptPath $file -Edition $Edition
    if ($WorkingDirectory) { $startInfo.WorkingDirectory = $WorkingDirectory }
    foreach ($name in $RemoveEnvironment) { [void]$startInfo.Environment.Remove($name) }
    $startInfo.Environment['NO_COLOR'] = '1'
    foreach ($name in $Environment.Keys) { $startInfo.Environment[$name] = [string]$Environment[$name] }
    $process = [System.Diagnostics.Process]::Start($startInfo)
    $process.StandardInput.Close()
    return [pscustomobject]@{
        Process = $process
        Script  = $file
        Stdout  = $process.StandardOutput.ReadToEndAsync()
        Stderr  = $process.StandardError.ReadToEndAsync()
    }
}

# Waits for a child and returns the last line of its stdout parsed as JSON; a failure shows its output.
function Wait-ChildPowerShell($Child, [int] $TimeoutSeconds = 120) {
    $process = $Child.Process
    try {
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            $process.WaitForExit()
            throw "The child PowerShell did not finish in $TimeoutSeconds s.`nstderr:`n$($Child.Stderr.Result)`nstdout:`n$($Child.Stdout.Result)"
        }
        $process.WaitForExit()
        $lines = @($Child.Stdout.Result -split '\r?\n' | Where-Object { $_.Trim() })
        if ($process.ExitCode -ne 0 -or $lines.Count -eq 0) {
            throw "The child PowerShell failed (exit code $($process.ExitCode)).`nstderr:`n$($Child.Stderr.Result)`nstdout:`n$($Child.Stdout.Result)"
        }
        try { return $lines[-1] | ConvertFrom-Json }
        catch { throw "The child's last line is not JSON: $($lines[-1])`nstderr:`n$($Child.Stderr.Result)" }
    }
    finally {
        $process.Dispose()
        Remove-Item -LiteralPath $Child.Script -ErrorAction SilentlyContinue
    }
}

function Invoke-ChildPowerShell {
    param(
        [Parameter(Mandatory)] [string] $Script,
        [ValidateSet('Core', 'Desktop')] [string] $Edition = 'Core',
        [hashtable] $Environment = @{},
        [string[]] $RemoveEnvironment = @(),
        [string] $WorkingDirectory,
        [int] $TimeoutSeconds = 120
    )
    $child = Start-ChildPowerShell -Script $Script -Edition $Edition -Environment $Environment -RemoveEnvironment $RemoveEnvironment `
        -WorkingDirectory $WorkingDirectory
    Wait-ChildPowerShell $child -TimeoutSeconds $TimeoutSeconds
}

<#
.SYNOPSIS
    Runs -Script in a fresh PowerShell of either edition after tests/ChildFlow.ps1 (Invoke-HyprFlow: the whole flow
    against the tenant), with the module's manifest, the tenant and the client's credentials in its environment
    (HYPRAUTH_TEST_MANIFEST, _TENANT, _CLIENT_ID, _CLIENT_KEY), never on its command line. The default script
    imports the module and runs the flow. Returns the child's last stdout line, parsed as JSON.
#>
function Invoke-HyprFlowChild {
    param(
        [Parameter(Mandatory)] $Emulator,
        $Client,
        [string] $Script = 'Import-Module $env:HYPRAUTH_TEST_MANIFEST; Invoke-HyprFlow | ConvertTo-Json -Compress -Depth 5',
        [string] $Manifest = (Get-HyprModuleManifest),
        [ValidateSet('Core', 'Desktop')] [string] $Edition = 'Core',
        [hashtable] $Environment = @{},
        [string[]] $RemoveEnvironment = @(),
        [string] $WorkingDirectory,
        [int] $TimeoutSeconds = 120
    )
    $childEnvironment = @{ HYPRAUTH_TEST_MANIFEST = $Manifest; HYPRAUTH_TEST_TENANT = $Emulator.BaseUri }
    if ($null -ne $Client) {
        $childEnvironment.HYPRAUTH_TEST_CLIENT_ID = $Client.clientId
        $childEnvironment.HYPRAUTH_TEST_CLIENT_KEY = $Client.clientKey
    }
    foreach ($name in $Environment.Keys) { $childEnvironment[$name] = $Environment[$name] }
    $flow = Get-Content -LiteralPath (Join-Path $PSScriptRoot 'ChildFlow.ps1') -Raw
    Invoke-ChildPowerShell -Script ($flow + "`n" + $Script) -Edition $Edition -Environment $childEnvironment -RemoveEnvironment $RemoveEnvironment `
        -WorkingDirectory $WorkingDirectory -TimeoutSeconds $TimeoutSeconds
}

Export-ModuleMember -Function Get-HyprModuleManifest, Get-EngineRelativePath, Get-ThrownError, Invoke-WithoutHost, Start-TestEmulator,
    Get-EmulatorCount, Get-EmulatorRequestTotal, Add-EmulatorFault, Set-KeyFileOwnerOnly, Get-TokenValue, Get-ErrorText,
    New-ChildScriptFile, Get-WindowsPowerShellPath, New-ChildStartInfo, Start-ChildPowerShell, Wait-ChildPowerShell, Invoke-ChildPowerShell,
    Invoke-HyprFlowChild,
    ConvertTo-Base64Url, ConvertFrom-Base64Url, New-TestKeySet, Find-Secret
