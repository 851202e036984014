# Binder runs Voila as a server extension; these settings match `open-strength serve`.
c = get_config()  # noqa: F821
c.VoilaConfiguration.template = "open-strength"
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.extension_allowlist = [
    "@voila-dashboards/widgets-manager8", "@jupyter-widgets/jupyterlab-manager", "anywidget",
]
# The pages draw charts with plotly.js from this server, never with the charting extension
# (see open_strength.page_config); the server extension serves the file.
from open_strength.page_config import workshop_page_config  # noqa: E402

c.VoilaConfiguration.page_config_hook = workshop_page_config
c.ServerApp.jpserver_extensions.update({"open_strength.server_extension": True})
# iOS Safari never sends the close request: cull idle kernels, connected or not.
c.MappingKernelManager.cull_idle_timeout = 25 * 60
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = True
# Standalone Voila loads no MathJax from a CDN; as a server extension it would, unless told not to.
c.ServerApp.tornado_settings = {"mathjax_url": None, "mathjax_config": None}
