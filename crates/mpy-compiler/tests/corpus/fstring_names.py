x = (
  f"{colored(len([i for i in m if i.s.lower() == 'informational']), color.informational)} "
  f"informational violations"
)
y = {"informational": []}
