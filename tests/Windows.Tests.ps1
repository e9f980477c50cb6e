# What only a Windows machine can prove, run by the Windows CI jobs (tag Windows; left out elsewhere, never counted):
# - a build signed with a throwaway certificate that this machine is made to trust imports under AllSigned and runs
#   the flow, while the unsigned build is refused;
# - Windows PowerShell 5.1 imports the module and runs the flow after another module has loaded Microsoft.IdentityModel 7.x.
# Stored CNG keys are in ClientKeyStore.Tests.ps1, the DPAPI token cache in PersistentCache.Tests.ps1, the owner-only
# -OutFile ACL in Adversarial.Tests.ps1.
BeforeDiscovery {
    $script:onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
}

Describe 'On Windows' -Tag Windows -Skip:(-not $onWindows) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $script:emulator = Start-TestEmulator
        $script:built = Split-Path -Parent (Get-HyprModuleManifest)
        $script:flow = @'
$ErrorActionPreference = 'Stop'
$result = [ordered]@{ Imported = $false; ClientId = $null; Error = $null; Edition = $PSVersionTable.PSEdition; Preloaded = $null }
try {
    if ($env:HYPRAUTH_TEST_PRELOAD) {
        # Another module's Microsoft.IdentityModel 7.x, loaded first, as Az.Accounts or Microsoft.Graph would.
        foreach ($path in $env:HYPRAUTH_TEST_PRELOAD -split ';') { [void][System.Reflection.Assembly]::LoadFrom($path) }
        $result.Preloaded = ([System.AppDomain]::CurrentDomain.GetAssemblies() |
            Where-Object { $_.GetName().Name -eq 'Microsoft.IdentityModel.Tokens' } |
            ForEach-Object { $_.GetName().Version.ToString() }) -join ', '
    }
    if ($env:HYPRAUTH_TEST_POLICY) { Set-ExecutionPolicy -Scope Process -ExecutionPolicy $env:HYPRAUTH_TEST_POLICY -Force }
    Import-Module $env:HYPRAUTH_TEST_MANIFEST
    $result.Imported = $true
    $token = Get-HyprAccessToken -TenantUri $env:HYPRAUTH_TEST_TENANT -ClientId $env:HYPRAUTH_TEST_CLIENT_ID -ClientKey $env:HYPRAUTH_TEST_CLIENT_KEY
    $result.ClientId = $token.ClientId
}
catch { $result.Error = $_.FullyQualifiedErrorId + ': ' + $_.Exception.Message }
$result | ConvertTo-Json -Compress
'@
        function Invoke-Flow([string] $Manifest, [string[]] $PowerShell = @(), [string] $Policy, [string] $Preload) {
            $client = New-EmulatorClient $emulator
            $parameters = @{
                Script      = $flow
                Environment = @{
                    HYPRAUTH_TEST_MANIFEST   = $Manifest
                    HYPRAUTH_TEST_TENANT     = $emulator.BaseUri
                    HYPRAUTH_TEST_CLIENT_ID  = $client.clientId
                    HYPRAUTH_TEST_CLIENT_KEY = $client.clientKey
                    HYPRAUTH_TEST_POLICY     = $Policy
                    HYPRAUTH_TEST_PRELOAD    = $Preload
                }
            }
            if ($PowerShell) { $parameters.PowerShell = $PowerShell }
            $result = Invoke-ChildPowerShell @parameters
            return [pscustomobject]@{ Result = $result; ClientId = $client.clientId }
        }
    }

    AfterAll {
        Stop-HyprEmulator $emulator
    }

    Context 'AllSigned' {
        BeforeAll {
            Import-Module (Join-Path $PSScriptRoot 'SigningCertificate.psm1') -Force
            Import-Module (Join-Path $PSScriptRoot '../build/Signing.psm1') -Force
            $script:certificate = New-TestCodeSigningCertificate -Folder $TestDrive
            # The job trusts the throwaway CA and publisher for the duration of this context only.
            $script:trusted = @(
                Import-Certificate -FilePath $certificate.CaCerPath -CertStoreLocation Cert:\LocalMachine\Root
                Import-Certificate -FilePath $certificate.SignerCerPath -CertStoreLocation Cert:\LocalMachine\TrustedPublisher
            )
            $script:signedDir = Join-Path $TestDrive "signed\HyprAuth\$(Split-Path -Leaf $built)"
            New-Item -ItemType Directory -Path (Split-Path -Parent $signedDir) | Out-Null
            Copy-Item -LiteralPath $built -Destination $signedDir -Recurse
            Invoke-HyprModuleSigning -ModulePath $signedDir -CertificatePath $certificate.PfxPath -CertificatePassword $certificate.Password
        }

        AfterAll {
            foreach ($store in 'Root', 'TrustedPublisher') {
                Get-ChildItem "Cert:\LocalMachine\$store" | Where-Object { $trusted.Thumbprint -contains $_.Thumbprint } | Remove-Item
            }
        }

        It 'signs every file Windows checks with a valid signature' {
            foreach ($file in Get-HyprSignedFile) {
                (Get-AuthenticodeSignature -LiteralPath (Join-Path $signedDir $file)).Status | Should -Be 'Valid' -Because $file
            }
        }

        It 'imports the signed build under AllSigned and runs the flow' {
            $run = Invoke-Flow -Manifest (Join-Path $signedDir 'HyprAuth.psd1') -Policy AllSigned
            $run.Result.Error | Should -BeNullOrEmpty
            $run.Result.ClientId | Should -Be $run.ClientId
        }

        It 'refuses the unsigned build under AllSigned' {
            $run = Invoke-Flow -Manifest (Get-HyprModuleManifest) -Policy AllSigned
            $run.Result.Imported | Should -BeFalse
            $run.Result.Error | Should -Match 'UnauthorizedAccess|not digitally signed'
        }
    }

    Context 'Windows PowerShell 5.1 beside Microsoft.IdentityModel 7.x' {
        It 'imports and runs the flow after another module loaded Microsoft.IdentityModel 7.7.1' {
            $packages = $env:HYPRAUTH_NUGET_PACKAGES
            # tests/tools/TestPackages.proj restores them.
            $preload = @('Microsoft.IdentityModel.Abstractions', 'Microsoft.IdentityModel.Logging', 'Microsoft.IdentityModel.Tokens') |
                ForEach-Object {
                Join-Path $packages "$($_.ToLowerInvariant())\7.7.1\lib\net472\$_.dll"
            }
            $preload | ForEach-Object { $_ | Should -Exist }
            $run = Invoke-Flow -Manifest (Get-HyprModuleManifest) `
                -PowerShell @((Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe')) -Preload ($preload -join ';')
            $run.Result.Edition | Should -Be 'Desktop'
            $run.Result.Preloaded | Should -Match '^7\.7\.1'
            $run.Result.Error | Should -BeNullOrEmpty
            $run.Result.ClientId | Should -Be $run.ClientId
        }
    }
}
