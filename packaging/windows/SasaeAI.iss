; Inno Setup script of the Windows installer: SasaeAI-Setup-<version>.exe.
;
; Built from the one-folder desktop build (python packaging\build_app.py → dist\SasaeAI\) by
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\SasaeAI.iss
; (.github/workflows/windows.yml does both). Written and reviewed, not yet run here: the project's
; machines are Linux (see README.md, "Windows").
;
; - Per user, no administrator rights: installs into %LOCALAPPDATA%\Programs\SasaeAI and writes
;   only HKEY_CURRENT_USER. An officer's locked-down laptop can install and update it.
; - Start-menu entry (and, if ticked, a desktop icon); an uninstaller in Windows' app list.
; - .sync files (the exchange files between laptops, gui/pages/sync_flows.py FILE_SUFFIX) open the
;   program on its 同期 page and read the file there: SasaeAI.exe gui --sync-file "<file>".
; - The user's database and backups live in the user data folder (platformdirs), outside {app}:
;   uninstalling never deletes them.
; This file is UTF-8 with a byte-order mark, which Inno Setup 6 needs for the Japanese text.

#define AppName "SasaeAI Desktop"
#define AppExe "SasaeAI.exe"
#define CliExe "sasaeai-cli.exe"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\SasaeAI"
#endif

[Setup]
AppId={{2C1C4164-0F5F-4936-B2AB-F9EC85ED8C19}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=SasaeAI
DefaultDirName={autopf}\SasaeAI
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=SasaeAI-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
ChangesAssociations=yes
; A running window holds the DLLs: ask to close it rather than fail half-way.
CloseApplications=yes

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the whole program folder: a library left from the previous version must not
; be loaded by the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "生活支援体制整備事業の記録と連絡"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER under PrivilegesRequired=lowest: the association is this user's only.
Root: HKA; Subkey: "Software\Classes\.sync"; ValueType: string; ValueName: ""; ValueData: "SasaeAI.SyncFile"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.sync\OpenWithProgids"; ValueType: string; ValueName: "SasaeAI.SyncFile"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SasaeAI.SyncFile"; ValueType: string; ValueName: ""; ValueData: "SasaeAI 同期ファイル"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SasaeAI.SyncFile\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\SasaeAI.SyncFile\shell\open"; ValueType: string; ValueName: ""; ValueData: "SasaeAI で読み込む"
Root: HKA; Subkey: "Software\Classes\SasaeAI.SyncFile\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" gui --sync-file ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".sync"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
